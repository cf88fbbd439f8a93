"""communication, mindspore.numpy (vs MindSpore 2.10 goldens), _checkparam, log, hal, runtime,
profiler, parallel, common.api, clip_by_global_norm, and the ``mindspore.*`` module paths
through the drop-in runner."""

import json
import logging
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import mindspore_jax as ms
import mindspore_jax.numpy as mnp
from mindspore_jax import ops
from mindspore_jax.communication import management as cm
from tests.conftest import GOLDEN

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

with open(os.path.join(GOLDEN, "api_surface.json")) as _f:
    GOLD = json.load(_f)


# --- communication --------------------------------------------------------------------------

def test_communication_single_process():
    cm.init()
    expected = {"CPU": "mccl", "GPU": "nccl"}[ms.get_context("device_target")]
    assert cm.GlobalComm.INITED and cm.GlobalComm.BACKEND == expected
    assert cm.get_rank() == 0 and cm.get_group_size() == 1
    assert cm.get_local_rank() == 0 and cm.get_local_rank_size() == 1
    assert cm.HCCL_WORLD_COMM_GROUP == "hccl_world_group"
    assert cm.NCCL_WORLD_COMM_GROUP == "nccl_world_group"
    assert cm.get_rank(cm.NCCL_WORLD_COMM_GROUP) == 0
    cm.create_group("g0", [0])
    assert cm.get_group_size("g0") == 1 and cm.get_process_group_ranks("g0") == [0]
    with pytest.raises(ValueError, match="rank_ids"):
        cm.create_group("g1", [0, 1])
    cm.destroy_group("g0")
    with pytest.raises(ValueError, match="does not exist"):
        cm.get_rank("g0")
    with pytest.raises(TypeError, match="backend_name"):
        cm.init(3)
    cm.release()
    assert not cm.GlobalComm.INITED
    assert ms.communication.get_group_size() == 1


# --- mindspore.numpy vs MindSpore 2.10 ------------------------------------------------------

m = mnp  # the golden expressions are written against ``m``


def _check(got, want, expr):
    if want["dtype"] == "list":
        assert isinstance(got, (list, tuple)) and len(got) == len(want["value"]), expr
        for g, w in zip(got, want["value"]):
            _check(g, w, expr)
        return
    assert str(got.dtype) == want["dtype"], f"{expr}: dtype {got.dtype} != {want['dtype']}"
    np.testing.assert_allclose(np.asarray(got.asnumpy(), np.float64),
                               np.asarray(want["value"], np.float64), rtol=1e-6, atol=1e-6,
                               err_msg=expr)


@pytest.mark.parametrize("expr", sorted(k for k in GOLD if not k.startswith("__")))
def test_mnp_matches_mindspore(expr):
    _check(eval(expr), GOLD[expr], expr)  # noqa: S307


def test_mnp_against_numpy():
    a = np.arange(12, dtype=np.float32).reshape(3, 4) - 5
    t = mnp.asarray(a)
    for name in ["sin", "exp", "tanh", "abs", "square", "floor", "cbrt"]:
        np.testing.assert_allclose(getattr(mnp, name)(t).asnumpy(), getattr(np, name)(a),
                                   rtol=1e-5, err_msg=name)
    np.testing.assert_allclose(mnp.sum(t, axis=(0, 1)).asnumpy(), a.sum())
    np.testing.assert_allclose(mnp.var(t, axis=0, ddof=1).asnumpy(), a.var(axis=0, ddof=1), rtol=1e-5)
    np.testing.assert_allclose(mnp.swapaxes(t, 0, 1).asnumpy(), a.T)
    np.testing.assert_allclose(mnp.moveaxis(mnp.ones((2, 3, 4)), 0, -1).shape, (3, 4, 2))
    xs, ys = mnp.meshgrid(mnp.arange(3), mnp.arange(2), indexing="ij")
    assert xs.shape == (3, 2) and ys.dtype == ms.int32
    assert [p.shape for p in mnp.array_split(mnp.arange(7), 3)] == [(3,), (2,), (2,)]
    assert mnp.linspace(0, 1, 4, dtype=mnp.float64).dtype == ms.float64
    assert mnp.zeros((2, 2), mnp.int64).dtype == ms.int64
    assert mnp.add(mnp.ones(2, mnp.float16), 2.5).dtype == ms.float16
    assert mnp.add(ms.Tensor(np.ones(2)), 1).dtype == ms.float64  # 64-bit in, 64-bit out
    assert mnp.int_ == ms.int32 and mnp.float_ == ms.float32
    assert mnp.size(mnp.zeros((2, 3))) == 6 and mnp.isscalar(1.0)
    assert mnp.promote_types(mnp.int32, mnp.float32) == ms.float32
    r = mnp.rand(2, 3)
    assert r.shape == (2, 3) and r.dtype == ms.float32 and 0 <= float(r.min()) < 1
    ri = mnp.randint(2, 5, (100,))
    assert ri.dtype == ms.int32 and 2 <= int(ri.min()) and int(ri.max()) < 5


def test_mnp_inside_compiled_cell(mode):
    class Net(ms.nn.Cell):
        def construct(self, x):
            y = mnp.where(x > 1, x, mnp.zeros_like(x))
            return mnp.sum(y) + mnp.mean(mnp.clip(x, 0.0, 2.0))

    out = Net()(ms.Tensor([1.0, 2.0, 3.0]))
    assert out.dtype == ms.float32
    np.testing.assert_allclose(out.asnumpy(), 5.0 + 5.0 / 3, rtol=1e-6)


# --- ops.clip_by_global_norm ----------------------------------------------------------------

def test_clip_by_global_norm_matches_mindspore():
    x = (ms.Tensor(np.array([[3., 4.]], np.float32)), ms.Tensor(np.array([12.], np.float16)),
         ms.Tensor(np.array([0.5, -0.25], np.float32)))
    got = ops.clip_by_global_norm(x, 2.0)
    for g, w in zip(got, GOLD["__clip_by_global_norm__"]):
        assert str(g.dtype) == w["dtype"]
        np.testing.assert_allclose(g.asnumpy().astype(np.float64), w["value"], rtol=1e-3)
    assert ops.composite.clip_by_global_norm is ops.clip_by_global_norm
    with pytest.raises(ValueError, match="clip_norm"):
        ops.clip_by_global_norm(x, 0.0)


# --- _checkparam ----------------------------------------------------------------------------

def test_validator_messages():
    from mindspore_jax._checkparam import GE, INC_BOTH, Rel, Validator, check_positive_int

    assert Validator.check_positive_int(3, "k", "Conv2d") == 3
    with pytest.raises(ValueError, match=r"For 'Conv2d', the 'k' must be int and must > 0, but got '0'"):
        check_positive_int(0, "k", "Conv2d")
    with pytest.raises(TypeError, match="must be int, but got 'float'"):
        Validator.check_positive_int(1.5, "k", "Conv2d")
    with pytest.raises(TypeError, match="must be a bool"):
        Validator.check_bool(1, "has_bias", "Dense")
    with pytest.raises(ValueError, match=r"must be in range of \[0, 3\]"):
        Validator.check_int_range(5, 0, 3, Rel.INC_BOTH, "p", "Op")
    assert Validator.check_int_range(3, 0, 3, INC_BOTH, "p", "Op") == 3
    with pytest.raises(TypeError, match="should be one of"):
        Validator.check_value_type("x", "s", [int, float], "Op")
    with pytest.raises(TypeError):
        Validator.check_value_type("x", True, [int], "Op")
    assert Validator.check_value_type("x", 2, [int], "Op") == 2
    with pytest.raises(ValueError, match="must be str and must be in"):
        Validator.check_string("bad", ["same", "valid"], "pad_mode", "Conv2d")
    with pytest.raises(ValueError, match=">= 1"):
        Validator.check_int(0, 1, GE, "n", "Op")


# --- log / hal / runtime / profiler / parallel / common.api -----------------------------------

def test_log_level_and_records(caplog):
    assert ms.log.get_level() in ("0", "1", "2", "3", "4")
    assert ms.get_log_config()["GLOG_v"] == ms.log.get_level()
    lg = ms.log._get_logger()
    lg.addHandler(caplog.handler)
    try:
        with caplog.at_level(logging.WARNING, logger="mindspore"):
            ms.log.warning("checkpoint %s", "saved")
            ms.log.debug("hidden")
    finally:
        lg.removeHandler(caplog.handler)
    assert "checkpoint saved" in caplog.text and "hidden" not in caplog.text


def test_hal_runtime():
    assert ms.hal.is_available("CPU") and ms.hal.device_count("CPU") >= 1
    assert ms.hal.get_device_name(0, "CPU") == "CPU"
    assert ms.hal.get_device_properties(0, "CPU") is None
    with pytest.raises(ValueError, match="device_target"):
        ms.hal.is_available("TPU")
    ev0, ev1 = ms.hal.Event(enable_timing=True), ms.hal.Event(enable_timing=True)
    s = ms.hal.Stream()
    ev0.record(s)
    (ms.Tensor([1.0]) * 2).asnumpy()
    ev1.record(s)
    assert ev0.elapsed_time(ev1) >= 0
    ms.hal.synchronize()
    assert isinstance(ms.hal.memory_stats(), dict)
    ms.runtime.set_cpu_affinity(True)
    ms.runtime.set_memory(max_size="2GB")
    with pytest.raises(TypeError):
        ms.runtime.set_cpu_affinity("yes")


def test_profiler_writes_trace(tmp_path):
    prof = ms.Profiler(output_path=str(tmp_path))
    (ms.Tensor(np.ones((4, 4), np.float32)) @ ms.Tensor(np.ones((4, 4), np.float32))).asnumpy()
    prof.analyse()
    files = [f for _, _, fs in os.walk(tmp_path) for f in fs]
    assert files, "jax.profiler wrote no trace"
    from mindspore_jax.profiler import ProfilerAction, schedule

    sch = schedule(wait=1, warmup=1, active=2, repeat=1)
    assert [sch(i) for i in range(5)] == [
        ProfilerAction.NONE, ProfilerAction.WARM_UP, ProfilerAction.RECORD,
        ProfilerAction.RECORD_AND_SAVE, ProfilerAction.NONE]


def test_parallel_helpers():
    from mindspore_jax.parallel import get_algo_parameters, reset_algo_parameters, set_algo_parameters
    from mindspore_jax.parallel._auto_parallel_context import auto_parallel_context
    from mindspore_jax.parallel._utils import _get_device_num, _get_gradients_mean, _get_parallel_mode

    assert _get_parallel_mode() == "stand_alone" and _get_device_num() == 1
    assert _get_gradients_mean() is False
    assert auto_parallel_context().get_pipeline_stages() == 1
    set_algo_parameters(elementwise_op_strategy_follow=True)
    assert get_algo_parameters("elementwise_op_strategy_follow") is True
    reset_algo_parameters()
    with pytest.raises(ValueError):
        set_algo_parameters(bogus=1)


def test_common_api():
    from mindspore_jax.common.api import JitConfig, jit, jit_class, ms_function, mutable

    assert jit is ms.jit and ms_function is ms.jit
    assert mutable((1, 2)) == (1, 2) and ms.mutable is mutable
    with pytest.raises(TypeError):
        mutable("s")
    assert JitConfig(jit_level="O1").jit_config_dict["jit_level"] == "O1"

    @jit_class
    class A:
        pass

    assert A.__ms_class__


# --- module paths through the runner --------------------------------------------------------

def test_module_paths_via_runner(tmp_path):
    script = tmp_path / "s.py"
    script.write_text(textwrap.dedent("""
        import mindspore
        import mindspore.numpy as mnp
        from mindspore.communication.management import init, get_rank, get_group_size
        from mindspore.communication import GlobalComm
        from mindspore.profiler.profiling import Profiler
        from mindspore.profiler import Profiler as P2
        from mindspore._checkparam import Validator, Rel
        from mindspore.parallel._utils import _get_device_num, _get_gradients_mean
        from mindspore.parallel._auto_parallel_context import auto_parallel_context
        from mindspore.parallel import set_algo_parameters
        from mindspore.common.api import ms_function, jit
        from mindspore import log as logger
        import mindspore.hal, mindspore.runtime
        init()
        assert mindspore.log is logger and Profiler is P2
        print("rank", get_rank(), get_group_size(), _get_device_num(), GlobalComm.INITED)
        print("mnp", mnp.arange(3).dtype, mnp.zeros(2).dtype)
        print("hal", mindspore.hal.is_available("CPU"))
        print("ckpt", callable(mindspore.ckpt_to_safetensors), callable(mindspore.async_ckpt_thread_status))
    """))
    env = dict(os.environ, PYTHONPATH=REPO)
    r = subprocess.run([sys.executable, "-m", "mindspore_jax", str(script)], capture_output=True,
                       text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "rank 0 1 1 True" in r.stdout
    assert "mnp Int32 Float32" in r.stdout
    assert "hal True" in r.stdout and "ckpt True True" in r.stdout


# --- misc ops (ops/_impl/misc_ops.py) --------------------------------------------------------

def test_misc_functional_and_collectives(mode):
    from mindspore_jax.ops import functional as F
    from mindspore_jax.ops import operations as P

    assert ops.partial(lambda a, b: a - b, 5)(2) == 3
    assert F.make_range(1, 5, 2) == (1, 3) and F.make_range(3) == (0, 1, 2)
    assert F.tuple_len((1, 2, 3)) == 3
    t = ms.Tensor([1, 2])
    assert t.float().dtype == ms.float32 and t.value() is t

    class Net(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.ar = P.AllReduce()
            self.ag = P.AllGather()
            self.fs = P.FloatStatus()

        def construct(self, x):
            return self.ag(self.ar(x)) * 2, self.fs(x)

    y, st = Net()(ms.Tensor([1.0, 2.0]))
    np.testing.assert_allclose(y.asnumpy(), [2.0, 4.0])
    assert st.asnumpy().tolist() == [0.0]
    assert P.FloatStatus()(ms.Tensor(np.array([1.0, np.inf], np.float32))).asnumpy().tolist() == [1.0]
    assert ops.ReduceOp.SUM == "sum"
    assert P.NPUAllocFloatStatus()().shape == (8,)


def test_dynamic_rnn_matches_numpy_lstm():
    from mindspore_jax.ops import operations as P

    rng = np.random.default_rng(0)
    T, B, In, H = 3, 2, 4, 5
    x = rng.standard_normal((T, B, In)).astype(np.float32)
    w = rng.standard_normal((In + H, 4 * H)).astype(np.float32) * 0.3
    b = rng.standard_normal(4 * H).astype(np.float32) * 0.1
    h0 = rng.standard_normal((1, B, H)).astype(np.float32)
    c0 = rng.standard_normal((1, B, H)).astype(np.float32)
    out = P.DynamicRNN(forget_bias=1.0)(ms.Tensor(x), ms.Tensor(w), ms.Tensor(b), None,
                                        ms.Tensor(h0), ms.Tensor(c0))
    sig = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    h, c, hs, cs = h0[0], c0[0], [], []
    for t in range(T):
        g = np.concatenate([x[t], h], -1) @ w + b
        i, j, f, o = np.split(g, 4, -1)
        c = sig(f + 1.0) * c + sig(i) * np.tanh(j)
        h = sig(o) * np.tanh(c)
        hs.append(h)
        cs.append(c)
    np.testing.assert_allclose(out[0].asnumpy(), np.stack(hs), rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(out[2].asnumpy(), np.stack(cs), rtol=1e-5, atol=1e-5)
    assert all(o.shape == (T, B, H) for o in out)


@pytest.mark.skipif(not os.path.exists(os.path.join(REPO, "..", "shared", "api", "priority.tsv")),
                    reason="../shared/api is not beside this checkout")
def test_api_coverage_tool_runs():
    r = subprocess.run([sys.executable, os.path.join(REPO, "tools", "api_coverage.py")],
                       capture_output=True, text=True, cwd=REPO, timeout=300)
    assert r.returncode == 0 and "| tier | kind | implemented |" in r.stdout


def test_loss_scale_manager_1x_path():
    from mindspore_jax import amp
    from mindspore_jax.train.loss_scale_manager import DynamicLossScaleManager, FixedLossScaleManager

    assert FixedLossScaleManager is amp.FixedLossScaleManager
    assert DynamicLossScaleManager is amp.DynamicLossScaleManager
