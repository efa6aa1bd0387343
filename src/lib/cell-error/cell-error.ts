// An error thrown by the student's code, as the notebook shows it and an exercise check reports it
// (its own folder: both notebook/ and exercises/ need it, and notebook/ imports exercises/).

/** Where an error happened: which cell (its label) and the line in that cell's source. */
export interface ErrorLocation {
  cell: string;
  line: number;
  column?: number;
}

export interface CellError {
  name: string;
  message: string;
  location?: ErrorLocation;
}
