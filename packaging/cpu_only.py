"""Which CUDA libraries a CPU-only frozen build can leave out (used by heritage_explorer.spec).

The torch wheel on PyPI is a CUDA build, and its extension modules are linked against part of
CUDA: ``torch/_C`` needs ``libtorch_python.so``, which needs ``libtorch_cuda.so``, which needs
cuBLAS, cuBLASLt, cuFFT, cuRAND, cuSPARSE(Lt), NCCL, NVRTC, NVSHMEM, the cuDNN front library and
the CUDA runtime (``readelf -d torch/lib/*.so``). The dynamic linker loads those at ``import
torch`` whether or not a GPU is present, so they must ship. Everything else of CUDA is only
``dlopen``-ed on first use of a GPU feature (cuDNN's engine libraries, cuSOLVER through
``libtorch_cuda_linalg.so``, NVRTC's builtins, the profiler's nvperf, NVSHMEM's transports,
Triton's compiler), and the CPU edition never gets there.

The rule is computed rather than listed: a library under ``nvidia/``, or a CUDA library of
``torch/lib``, is kept only if the ``DT_NEEDED`` closure of the other collected binaries reaches
it. A new torch that links one more CUDA library at load time keeps it without an edit here.
"""

from __future__ import annotations

import fnmatch
import os
import re
import subprocess
from collections.abc import Iterable

#: Collected paths (as placed in the bundle) that are CUDA-only and so candidates for leaving out.
CUDA_PATTERNS = (
    "nvidia/*",
    "torch/lib/libtorch_cuda*.so",
    "torch/lib/libc10_cuda.so",
    "torch/lib/libcaffe2_nvrtc.so",
    "torch/lib/libtorch_nvshmem.so",
    "triton/*",
)

_NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]")


def is_cuda_path(dest: str) -> bool:
    dest = dest.replace(os.sep, "/")
    return any(fnmatch.fnmatch(dest, pattern) for pattern in CUDA_PATTERNS)


def needed_libraries(path: str) -> list[str]:
    """The ``DT_NEEDED`` entries of an ELF file (``readelf -d``; binutils is a PyInstaller requirement)."""
    out = subprocess.run(["readelf", "-d", path], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        return []  # not an ELF file (a script or data file collected as a binary)
    return _NEEDED.findall(out.stdout)


def loaded_at_import(entries: Iterable[tuple[str, str, str]], needed=needed_libraries) -> set[str]:
    """Destination names of the CUDA entries the dynamic linker needs when the other binaries load.

    ``entries`` are PyInstaller TOC tuples ``(dest_name, src_path, typecode)``; a ``SYMLINK``
    entry's source is its target, relative to its folder. ``needed`` maps a source path to the
    sonames it links (injectable so that the rule can be tested on a tiny graph).
    """
    entries = list(entries)
    by_dest = {dest: (src, typecode) for dest, src, typecode in entries}
    by_soname: dict[str, list[str]] = {}
    for dest in by_dest:
        by_soname.setdefault(os.path.basename(dest), []).append(dest)

    def dependencies(dest: str) -> list[str]:
        src, typecode = by_dest[dest]
        if typecode == "SYMLINK":
            return [os.path.normpath(os.path.join(os.path.dirname(dest), src))]
        return [dep for soname in needed(src) for dep in by_soname.get(soname, [])]

    queue = [dest for dest in by_dest if not is_cuda_path(dest)]
    seen = set(queue)
    kept: set[str] = set()
    while queue:
        for dep in dependencies(queue.pop()):
            if dep in seen or dep not in by_dest:
                continue
            seen.add(dep)
            if is_cuda_path(dep):
                kept.add(dep)
            queue.append(dep)
    return kept


def split_cuda(entries: Iterable[tuple[str, str, str]], needed=needed_libraries):
    """``(kept, dropped)``: the TOC without the CUDA files nothing links, and those left out."""
    entries = list(entries)
    keep_cuda = loaded_at_import(entries, needed)
    kept, dropped = [], []
    for entry in entries:
        if is_cuda_path(entry[0]) and entry[0] not in keep_cuda:
            dropped.append(entry)
        else:
            kept.append(entry)
    return kept, dropped
