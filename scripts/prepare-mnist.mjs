// Temporarily empty: replaced by the MNIST asset step.
