#!/usr/bin/env python3
# The golden values in src/nodes/protocol/gpu-work.spec.ts come from here: gpu_prover.py's own functions, run with
# numpy standing in for torch (no GPU needed). Run: python3 test/support/gpu-prover-parity.py (needs numpy).
# Runs gpu_prover.py's own functions with numpy standing in for torch (CPU), to cross-check the JS math.
import sys, types, numpy as np
sys.path.insert(0, __import__('os').path.join(__import__('os').path.dirname(__file__), '..', '..', 'src', 'agent', 'provers'))
import gpu_prover as gp

class T:  # minimal tensor wrapper
    def __init__(s, a): s.a = a
    def _w(s, o): return o.a if isinstance(o, T) else o
    def __xor__(s, o): return T(s.a ^ s._w(o))
    def __rshift__(s, o): return T(s.a >> s._w(o))
    def __and__(s, o): return T(s.a & s._w(o))
    def __mul__(s, o):
        with np.errstate(over='ignore'): return T(s.a * np.int64(s._w(o)) if not isinstance(o, T) else s.a * o.a)
    def __sub__(s, o): return T(s.a - s._w(o))
    def __getitem__(s, k): return T(s.a[k])
    def __setitem__(s, k, v): s.a[k] = v.a
    def __len__(s): return len(s.a)
    def to(s, dt): return T(s.a.astype(dt))
    def sum(s, dim): return T(s.a.sum(axis=dim))
    device = None
    def cpu(s): return s
    def numpy(s): return s.a
torch = types.SimpleNamespace(int64=np.int64, int8=np.int8, int32=np.int32,
  arange=lambda a, b=None, device=None, dtype=None: T(np.arange(a, b, dtype=np.int64) if b is not None else np.arange(a, dtype=np.int64)),
  empty=lambda shape, device=None, dtype=None: T(np.empty(shape, dtype=dtype)),
  stack=lambda l, dim: T(np.stack([x.a for x in l], axis=dim)))
seed, node, n, rounds = '00'*31 + '01', 'TestNode111111111111111111111111', 8, 3
for g in (0, 5):
    lanes = bytearray()
    for r in range(rounds):
        k = gp.work_keys(seed, node, g, r)
        a = gp.full_matrix(torch, None, k['aRow'], k['aCol'], n, np.int8)
        b = gp.full_matrix(torch, None, k['bRow'], k['bCol'], n, np.int8)
        c = T((a.a.astype(np.int64) @ b.a.astype(np.int64)).astype(np.int32))
        l1, l2 = gp.row_lanes(torch, c, k, n)
        lanes += np.stack([l1.a, l2.a], axis=1).astype('<u4').tobytes()
        if g == 0 and r == 1: print('C[1][2]', int(c.a[1][2]), 'A[0][:4]', a.a[0][:4].tolist())
    levels = gp.build_tree(bytes(lanes), n)
    print('root', g, levels[-1].hex(), 'path0/1/3', gp.merkle_path(levels, 1*n+3)[:2])
