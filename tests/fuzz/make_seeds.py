#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into tests/fuzz/corpus/<target>/.

   tests/fuzz/make_seeds.py [--shared ../shared]

Seeds are valid inputs of every shape a target knows (each message type, every config key, each
multiaddr form, the shared VDF and KZG vectors) plus near misses, so a short fuzz run starts
deep inside the parsers. The frames are written from docs/protocol.md, independently of the
C++ encoder. Files named crash-* are reproducers of fixed bugs: this script never touches them.
"""
import argparse
import hashlib
import json
import pathlib
import struct

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def write(target, name, data):
    d = HERE / "corpus" / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode())


# --- frames (docs/protocol.md) -------------------------------------------------------------
def text(s):
    b = s.encode()
    return struct.pack(">H", len(b)) + b


def frame(msg_type, payload, magic=b"PGRD", version=1, flags=0, length=None):
    n = len(payload) if length is None else length
    return magic + bytes([version, msg_type]) + struct.pack(">HI", flags, n) + payload


MESSAGES = {
    "hello_control": (1, bytes([1]) + struct.pack(">HH", 1, 0) + text("proofgrid 0.1.0")
                      + struct.pack(">II", 2, 3) + text("") + text("") + bytes([1]) + text("")),
    "hello_worker": (1, bytes([2]) + struct.pack(">HH", 1, 0) + text("proofgrid 0.1.0 (release)")
                     + struct.pack(">II", 2, 3) + text("simd") + text("AVX-512 IFMA")
                     + bytes([1]) + text("self-test passed")),
    "close": (2, bytes([6]) + text("ProveRequest before Hello")),
    "heartbeat": (3, struct.pack(">Q", 7)),
    "heartbeat_ack": (4, struct.pack(">Q", 7)),
    "prove_request": (5, struct.pack(">QQI", 1, 42, 2) + struct.pack(">H", 32) + bytes(range(32))
                      + struct.pack(">Q", 200000)),
    "prove_response": (6, struct.pack(">QI", 1, 2) + bytes((i * 7) % 256 for i in range(516))
                       + struct.pack(">Q", 1234567)),
    "prove_failed": (7, struct.pack(">Q", 1) + bytes([1]) + text("cancelled by the control")),
    "cancel": (8, struct.pack(">Q", 1)),
    "pause": (9, b""),
    "resume": (10, b""),
    "stats_request": (11, b""),
    "stats": (12, struct.pack(">QQQI", 1 << 30, 12, 60000, 1) + bytes([1, 0]) + text("cpu")),
}


def frame_seeds():
    for i, (name, (t, payload)) in enumerate(MESSAGES.items()):
        write("frame", "stream_" + name, bytes([2 * i]) + frame(t, payload))
        write("frame", "payload_" + name, bytes([1, t]) + payload)
    session = b"".join(frame(*MESSAGES[n]) for n in
                       ["hello_control", "heartbeat", "prove_request", "cancel", "stats_request",
                        "pause", "resume", "close"])
    write("frame", "stream_session", bytes([0x40]) + session)
    hello = frame(*MESSAGES["hello_worker"])
    write("frame", "bad_magic", bytes([4]) + frame(3, bytes(8), magic=b"PGRX"))
    write("frame", "version_2", bytes([6]) + frame(1, MESSAGES["hello_worker"][1], version=2))
    write("frame", "flags_set", bytes([8]) + frame(3, bytes(8), flags=1))
    write("frame", "unknown_type", bytes([10]) + frame(13, b""))
    write("frame", "oversized", bytes([12]) + frame(5, b"", length=16385))
    write("frame", "truncated", bytes([14]) + hello[:-3])
    write("frame", "payload_trailing_byte", bytes([1, 3]) + struct.pack(">Q", 1) + b"\0")
    write("frame", "payload_bad_bool", bytes([1, 12]) + MESSAGES["stats"][1][:28] + bytes([2, 0])
          + text("cpu"))


# --- config.yml ----------------------------------------------------------------------------
CONFIGS = {
    "every_key": """engine:
  dataWorkerMultiaddrs: []
  dataWorkerBaseListenMultiaddr: "/ip4/127.0.0.1/tcp/%d"
  dataWorkerBaseListenPort: 40000
  dataWorkerCount: 4
  dataWorkerMemoryLimit: 2GiB
  difficulty: 0
  peerId: "00112233445566778899aabbccddeeff"
  genesis: "0x00ff"
  backend: auto
  srsPath: srs/ceremony.json
  proveTimeout: 1h30m
  pauseMaxDuration: 30m
  controlKeyFingerprint: "sha256:3f:a1:c0:d2:e4:b5:a6:97:3f:a1:c0:d2:e4:b5:a6:97:3f:a1:c0:d2:e4:b5:a6:97:3f:a1:c0:d2:e4:b5:a6:97"
  insecureLoopbackNoAuth: false
metrics:
  listenAddress: /ip4/127.0.0.1/tcp/9464
store:
  path: /var/lib/proofgrid/store.sqlite
""",
    "list_block": """engine:
  dataWorkerMultiaddrs:
    - /ip4/192.168.0.200/tcp/40000
    - /ip6/::1/tcp/40001
    - /dns4/worker-b.example/tcp/40002
    - /dns/localhost/tcp/40003
  difficulty: 25000
""",
    "list_flow": 'engine:\n  dataWorkerMultiaddrs: [ "/ip4/10.0.0.1/tcp/1", "/dns6/w/tcp/2", ]\n',
    "insecure_loopback": """engine:
  insecureLoopbackNoAuth: true
  dataWorkerBaseListenMultiaddr: /ip4/127.0.0.1/tcp/%d
  dataWorkerBaseListenPort: 50000
  dataWorkerCount: 3
""",
    "errors": """engine:
  dataWorkersMultiaddrs: []
  difficulty: -1
  difficulty: 3
  backend: gpu
  proveTimeout: 0s
metric:
  listenAddress: off
""",
    "ellipsis": "engine:\n  difficulty: 10\n  ...\n....\n",
    "empty": "",
    "two_documents": "engine: {}\n---\nstore: {}\n",
    "tab": "engine:\n\tdifficulty: 1\n",
}


def config_seeds():
    for name, body in CONFIGS.items():
        write("config", name, body)
    for f in sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.yml")):
        write("config", "tutorial_" + f.stem, f.read_bytes())


# --- multiaddrs ----------------------------------------------------------------------------
MULTIADDRS = [
    "/ip4/192.168.0.200/tcp/40000", "/ip4/127.0.0.1/tcp/1", "/ip6/::1/tcp/65535",
    "/ip6/0:0:0:0:0:0:0:1/tcp/40001", "/ip6/2001:db8::ff00:42:8329/tcp/443",
    "/ip6/::ffff:10.0.0.1/tcp/80", "/dns4/Worker-B.example.com/tcp/40002", "/dns6/w6/tcp/2",
    "/dns/localhost/tcp/3", "/dns/a.localhost/tcp/4",
    "/ip4/192.168.0.201/udp/40003", "/ip4/01.2.3.4/tcp/1", "/ip4/1.2.3.4/tcp/0",
    "/ip4/1.2.3.4/tcp/65536", "/ip4/1.2.3.4/tcp/40000/p2p/Qm", "/ip6/fe80::1%eth0/tcp/1",
    "/dns4/-bad/tcp/1", "/dns4/1.2.3.4/tcp/1", "/ip4/1.2.3.4/tcp/1/", "ip4/1.2.3.4/tcp/1", "",
]


def multiaddr_seeds():
    for i, m in enumerate(MULTIADDRS):
        write("multiaddr", "addr_%02d" % i, m)


# --- VDF verify: selector, BE32 difficulty, output ------------------------------------------
VDF_CHALLENGES = ["vector-0", "vector-5"]  # as in vdf_verify_fuzz.cpp


def vdf_seeds(shared):
    v = json.loads((shared / "vectors" / "vdf_wesolowski_2048.json").read_text())
    index = {hashlib.sha3_256(seed.encode()).hexdigest(): i for i, seed in enumerate(VDF_CHALLENGES)}
    for case in v["vectors"] + v["negative_verify"] + v["edge_cases"]:
        if case["challenge_hex"] not in index:
            continue
        name = case.get("case") or case["challenge_seed"]
        write("vdf_verify", name, bytes([index[case["challenge_hex"]]]) + struct.pack(">I", case["difficulty"])
              + bytes.fromhex(case["output_hex"]))


# --- G1 points -------------------------------------------------------------------------------
def g1_seeds(shared):
    k = json.loads((shared / "vectors" / "kzg_bls48581.json").read_text())
    points = []
    for case in k["cases"][:4]:
        points += [case["commitment_hex"], case["proof_hex"]]
    for i, p in enumerate(points):
        b = bytes.fromhex(p)
        write("g1_decompress", "point_%d" % i, b)
        # The same x with the other parity: the negated point.
        write("g1_decompress", "negated_%d" % i, bytes([b[0] ^ 1]) + b[1:])
    write("g1_decompress", "infinity", bytes([3]) + bytes(73))
    p = int("1280f73ff3476f313824e31d47012a0056e84f8d122131bb3be6c0f1f3975444a48ae43af6e082acd9cd30394f"
            "4736daf68367a5513170ee0a578fdf721a4a48ac3edc154e6565912b", 16)  # the field prime
    write("g1_decompress", "x_is_p", bytes([2]) + p.to_bytes(73, "big"))
    write("g1_decompress", "x_is_p_minus_1", bytes([3]) + (p - 1).to_bytes(73, "big"))
    write("g1_decompress", "short", bytes.fromhex(points[0])[:73])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=pathlib.Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    frame_seeds()
    config_seeds()
    multiaddr_seeds()
    vdf_seeds(args.shared)
    g1_seeds(args.shared)


if __name__ == "__main__":
    main()
