/** The four verified files parsed into the train and test splits, checked against the manifest's shapes. */
import type { Mnist, MnistSplit } from './dataset';
import { MnistLoadError } from './errors';
import { parseImages, parseLabels } from './idx';
import type { MnistFileName, MnistManifest } from './manifest';
import { PackedImages } from './packed-images';

export function assemble(manifest: MnistManifest, raw: Record<MnistFileName, Uint8Array>): Mnist {
  const split = (name: 'train' | 'test'): MnistSplit => {
    const imgName = `${name}-images` as const;
    const lblName = `${name}-labels` as const;
    try {
      const img = parseImages(raw[imgName], manifest.files[imgName].file);
      const labels = parseLabels(raw[lblName], manifest.files[lblName].file);
      const [count, rows, cols] = manifest.files[imgName].shape;
      if (img.count !== count || img.rows !== rows || img.cols !== cols) {
        throw new Error(`${imgName} is [${img.count}, ${img.rows}, ${img.cols}], the manifest says [${count}, ${rows}, ${cols}]`);
      }
      if (labels.length !== img.count) throw new Error(`${name} has ${img.count} images but ${labels.length} labels`);
      return { name, count, rows, cols, images: PackedImages.pack(img.pixels, rows * cols), labels };
    } catch (e) {
      throw new MnistLoadError(`MNIST ${name} data is malformed: ${(e as Error).message}`, 'format', { cause: e });
    }
  };
  return { train: split('train'), test: split('test') };
}
