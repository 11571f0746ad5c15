#!/usr/bin/env python3
"""switchyard-agent's GPU prover: answers proof-of-GPU challenges on NVIDIA GPUs with PyTorch.

The agent starts this script once (`switchyard-agent run --prover torch`) and talks to it over stdin/stdout,
one JSON object per line:
  {"op": "hello"}                                   -> {"ok": true, "prover": "torch-cuda", "devices": [...], "arithmetic": "..."}
  {"op": "commit", "challenge": {...}, "nodeId": s} -> {"ok": true, "roots": [{"gpuIndex": g, "root": hex}, ...]}
  {"op": "open", "challengeId": s, "rows": [...]}   -> {"ok": true, "rows": [{"gpuIndex", "round", "row", "values", "path"}]}
  {"op": "forget", "challengeId": s}                -> {"ok": true}
Errors answer {"ok": false, "error": "..."}.

What it computes is specified in src/nodes/README.md ("The GPU challenge, exactly") and implemented for the
coordinator in src/nodes/protocol/gpu-work.ts; this file must agree with it bit for bit.
NOT MEASURED: no machine with an NVIDIA GPU was available when it was written (see src/nodes/README.md).
GPU indexes are nvidia-smi's; the agent starts this script with CUDA_DEVICE_ORDER=PCI_BUS_ID so they match.
"""
import base64
import hashlib
import json
import struct
import sys
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

VERSION = "switchyard-gpu-challenge-v2"
M32 = 0xFFFFFFFF
ROW_BLOCK = 2048  # rows generated / digested at once (bounds the int64 temporaries)


def lowbias32(x):
    """lowbias32 on an int64 tensor holding values in [0, 2^32); products wrap mod 2^64, the mask keeps 32 bits."""
    x = x ^ (x >> 16)
    x = (x * 0x7FEB352D) & M32
    x = x ^ (x >> 15)
    x = (x * 0x846CA68B) & M32
    return x ^ (x >> 16)


def work_keys(seed, node_id, gpu_index, rnd):
    d = hashlib.sha256(f"{VERSION}\n{seed}\n{node_id}\n{gpu_index}\n{rnd}".encode()).digest()
    w = struct.unpack("<8I", d)
    return {"aRow": w[0], "aCol": w[1], "bRow": w[2], "bCol": w[3], "digest1": w[4], "digest2": w[5]}


def generate(torch, dev, row_key, col_key, rows, n, dtype):
    """Rows `rows` (an int64 index tensor) of the n-column matrix with these keys, as `dtype`."""
    ch = lowbias32(torch.arange(n, device=dev, dtype=torch.int64) ^ col_key)
    rh = lowbias32(rows ^ row_key)
    return ((lowbias32(rh[:, None] ^ ch[None, :]) >> 27) - 16).to(dtype)


def full_matrix(torch, dev, row_key, col_key, n, dtype):
    out = torch.empty((n, n), device=dev, dtype=dtype)
    for r0 in range(0, n, ROW_BLOCK):
        idx = torch.arange(r0, min(n, r0 + ROW_BLOCK), device=dev, dtype=torch.int64)
        out[r0 : r0 + len(idx)] = generate(torch, dev, row_key, col_key, idx, n, dtype)
    return out


class Arithmetic:
    """The fastest exact matrix product this torch offers: int8 -> int32, else fp16 -> fp32, else TF32."""

    def __init__(self, torch):
        self.torch = torch
        self.kind = None
        for kind in ("int8", "fp16-fp32", "tf32"):
            try:
                if self._selftest(kind):
                    self.kind = kind
                    break
            except Exception:  # noqa: BLE001 - an unsupported path just is not chosen
                continue
        if self.kind is None:
            raise RuntimeError("no exact matrix product works on this GPU")

    def dtype(self):
        t = self.torch
        return {"int8": t.int8, "fp16-fp32": t.float16, "tf32": t.float32}[self.kind]

    def mm(self, a, b, kind=None):
        t = self.torch
        kind = kind or self.kind
        if kind == "int8":
            return t._int_mm(a, b)
        if kind == "fp16-fp32":
            return t.mm(a, b, out_dtype=t.float32).to(t.int32)
        t.backends.cuda.matmul.allow_tf32 = True
        return t.mm(a, b).to(t.int32)

    def _selftest(self, kind):
        t = self.torch
        dev = t.device("cuda", 0)
        n = 256
        dtype = {"int8": t.int8, "fp16-fp32": t.float16, "tf32": t.float32}[kind]
        a = full_matrix(t, dev, 1, 2, n, dtype)
        b = full_matrix(t, dev, 3, 4, n, dtype)
        got = self.mm(a, b, kind).cpu()
        want = a.cpu().to(t.int64) @ b.cpu().to(t.int64)
        return bool((got.to(t.int64) == want).all())


def row_lanes(torch, rows_i32, keys, n):
    """(lane1, lane2) per row of an int32 block, as two int64 tensors."""
    dev = rows_i32.device
    colmix = lowbias32(torch.arange(n, device=dev, dtype=torch.int64) ^ keys["digest1"])
    u = rows_i32.to(torch.int64) & M32
    x = lowbias32(u ^ colmix[None, :])
    lane1 = x.sum(dim=1) & M32
    lane2 = lowbias32(x ^ keys["digest2"]).sum(dim=1) & M32
    return lane1, lane2


def build_tree(lanes_bytes, n):
    """Merkle levels (each one bytes object of 32-byte digests) over leaves r*n+i; runs in a worker process."""
    sha = hashlib.sha256
    count = len(lanes_bytes) // 8
    leaves = bytearray(32 * count)
    for t in range(count):
        r, i = divmod(t, n)
        l1, l2 = struct.unpack_from("<II", lanes_bytes, 8 * t)
        leaves[32 * t : 32 * t + 32] = sha(b"\x00" + struct.pack("<IIII", r, i, l1, l2)).digest()
    levels = [bytes(leaves)]
    while len(levels[-1]) > 32:
        level = levels[-1]
        width = len(level) // 32
        nxt = bytearray()
        for k in range(0, width, 2):
            if k + 1 < width:
                nxt += sha(b"\x01" + level[32 * k : 32 * k + 64]).digest()
            else:
                nxt += level[32 * k : 32 * k + 32]
        levels.append(bytes(nxt))
    return levels


def merkle_path(levels, index):
    path = []
    for level in levels[:-1]:
        sibling = index ^ 1
        if sibling < len(level) // 32:
            path.append(level[32 * sibling : 32 * sibling + 32].hex())
        index >>= 1
    return path


class Prover:
    def __init__(self):
        import torch  # imported here so `--help`-style failures name the missing module clearly

        if not torch.cuda.is_available():
            raise RuntimeError("CUDA is not available to PyTorch: this prover needs an NVIDIA GPU")
        self.torch = torch
        self.arith = Arithmetic(torch)
        self.pool = ProcessPoolExecutor()
        self.state = {}  # challengeId -> {gpuIndex: levels}, plus the challenge

    def hello(self, _msg):
        t = self.torch
        devices = [t.cuda.get_device_name(i) for i in range(t.cuda.device_count())]
        return {"prover": "torch-cuda", "devices": devices, "arithmetic": self.arith.kind}

    def _lanes_for_gpu(self, challenge, node_id, gpu):
        t = self.torch
        dev = t.device("cuda", gpu)
        n, rounds = challenge["size"], challenge["rounds"]
        out = bytearray(8 * rounds * n)
        with t.cuda.device(dev):
            for rnd in range(rounds):
                keys = work_keys(challenge["seed"], node_id, gpu, rnd)
                a = full_matrix(t, dev, keys["aRow"], keys["aCol"], n, self.arith.dtype())
                b = full_matrix(t, dev, keys["bRow"], keys["bCol"], n, self.arith.dtype())
                c = self.arith.mm(a, b)
                del a, b
                for r0 in range(0, n, ROW_BLOCK):
                    l1, l2 = row_lanes(t, c[r0 : r0 + ROW_BLOCK], keys, n)
                    pairs = t.stack([l1, l2], dim=1).to(t.int64).cpu().numpy().astype("<u4").tobytes()
                    start = 8 * (rnd * n + r0)
                    out[start : start + len(pairs)] = pairs
                del c
            t.cuda.synchronize(dev)
        return bytes(out)

    def commit(self, msg):
        challenge, node_id = msg["challenge"], msg["nodeId"]
        gpus = challenge["gpuIndexes"]
        with ThreadPoolExecutor(max_workers=len(gpus)) as threads:
            lanes = list(threads.map(lambda g: self._lanes_for_gpu(challenge, node_id, g), gpus))
        trees = list(self.pool.map(build_tree, lanes, [challenge["size"]] * len(gpus)))
        self.state[challenge["challengeId"]] = {"challenge": challenge, "nodeId": node_id, "trees": dict(zip(gpus, trees))}
        return {"roots": [{"gpuIndex": g, "root": tree[-1].hex()} for g, tree in zip(gpus, trees)]}

    def open(self, msg):
        t = self.torch
        st = self.state[msg["challengeId"]]
        challenge, n = st["challenge"], st["challenge"]["size"]
        rows = []
        for req in msg["rows"]:
            g, rnd, i = req["gpuIndex"], req["round"], req["row"]
            dev = t.device("cuda", g)
            keys = work_keys(challenge["seed"], st["nodeId"], g, rnd)
            # _int_mm wants more than 16 rows: compute the 32-row block holding row i and keep row i.
            r0 = min(i - i % 32, n - 32)
            idx = t.arange(r0, r0 + 32, device=dev, dtype=t.int64)
            a = generate(t, dev, keys["aRow"], keys["aCol"], idx, n, self.arith.dtype())
            b = full_matrix(t, dev, keys["bRow"], keys["bCol"], n, self.arith.dtype())
            row = self.arith.mm(a, b)[i - r0].to(t.int32).cpu().numpy().astype("<i4").tobytes()
            del a, b
            rows.append({**req, "values": base64.b64encode(row).decode(), "path": merkle_path(st["trees"][g], rnd * n + i)})
        return {"rows": rows}

    def forget(self, msg):
        self.state.pop(msg["challengeId"], None)
        return {}


def main():
    try:
        prover = Prover()
    except Exception as err:  # noqa: BLE001 - reported to the agent, which refuses to start
        print(json.dumps({"ok": False, "error": f"{type(err).__name__}: {err}"}), flush=True)
        return 1
    lock = threading.Lock()
    for line in sys.stdin:
        if not line.strip():
            continue
        msg = json.loads(line)
        try:
            reply = {"ok": True, **getattr(prover, msg["op"])(msg)}
        except Exception as err:  # noqa: BLE001 - one failed request must not end the prover
            reply = {"ok": False, "error": f"{type(err).__name__}: {err}"}
        with lock:
            print(json.dumps({"id": msg.get("id"), **reply}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
