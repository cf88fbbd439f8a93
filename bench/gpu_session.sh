#!/bin/bash
# The GPU checks of one session on a lent GPU machine (the device tool), as one prepared run:
# installs the carried wheels (.whl: what the machine's image lacks) and this package (editable,
# no dependencies: the image has jax with CUDA), then runs, each under its own time limit, the
# GPU tests, bench/gpu_check.py (CPU vs GPU), the bench pairs on the GPU and the whole test
# suite on the GPU. Logs go to $OUT (the device tool brings that folder back).
#   STAGES="gpu_tests gpu_check bench suite" SUITE_S=150 bash bench/gpu_session.sh
set -u
OUT=${OUT:-/tmp/gpu_out}
mkdir -p "$OUT"
export PYTHONUNBUFFERED=1 XLA_PYTHON_CLIENT_PREALLOCATE=false
PY=${PY:-python3}
if [ -d .whl ]; then
  $PY -m pip install -q --no-index --no-deps --no-compile --no-cache-dir .whl/*.whl
fi
$PY -m pip install -q --no-index --no-deps --no-build-isolation -e . >"$OUT/install.log" 2>&1 ||
  echo "editable install failed (see install.log)"
nvidia-smi -L
nvcc --version | tail -1
$PY -c "import jax; print('jax', jax.__version__, jax.devices())"

stage() {
  local name=$1 limit=$2
  shift 2
  echo "=== $name (limit ${limit}s)"
  local start=$SECONDS
  timeout "$limit" "$@" >"$OUT/$name.log" 2>&1
  echo "rc=$? in $((SECONDS - start))s"
  tail -n "${TAIL:-30}" "$OUT/$name.log"
}

for s in ${STAGES:-gpu_tests gpu_check bench suite}; do
  case $s in
  gpu_tests) stage gpu_tests 150 $PY -m pytest -q -o addopts= -p no:cacheprovider -rs \
    tests/test_gpu.py tests/test_custom_device.py ;;
  gpu_check) stage gpu_check 120 $PY bench/gpu_check.py ;;
  bench) BENCH_ROUNDS=5 stage bench "${BENCH_S:-130}" $PY bench/run.py \
    --models "${BENCH_MODELS:-mlp,resnet,transformer}" \
    --styles cell --no-pynative --pairs-only --out "$OUT/bench_gpu.jsonl" ;;
  suite) TAIL=60 stage suite "${SUITE_S:-150}" $PY -m pytest -q -o addopts= -p no:cacheprovider \
    -n 12 --tb=line -rf tests ;;
  esac
done
