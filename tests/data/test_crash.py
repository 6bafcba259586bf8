"""The import's promise under the worst: ``kill -9`` mid-import and a disk that fills up
both leave the previous version live, and the next start clears what was left behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from districtwise.demo.files import generate_district_files
from tests.cli_env import CLI, cli_database, run

LIVE_STATE = (
    "import json; from districtwise.data.models import DatasetVersion, ImportBatch; "
    "from districtwise.data.warehouse import live_files; "
    "from districtwise.organization.models import District; "
    "d = District.objects.get(code='crash'); "
    "print(json.dumps({'versions': sorted((v.school_year, v.batch_id) for v in "
    "DatasetVersion.objects.filter(district=d, is_live=True)), "
    "'files': {t: sorted(map(str, p)) for t, p in live_files(d).items()}, "
    "'batches': sorted((b.pk, b.status) for b in ImportBatch.objects.all())}))"
)


def live_state(env) -> dict:
    done = run(env, "shell", "-v", "0", "-c", LIVE_STATE)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def small_extract(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("small")
    generate_district_files(folder, seed=5, students=300, years=1)
    (folder / "manifest.json").unlink()
    return folder


@pytest.fixture(scope="module")
def large_extract(tmp_path_factory) -> Path:
    """Large enough that its import takes a few seconds (a daily attendance file)."""
    folder = tmp_path_factory.mktemp("large")
    generate_district_files(folder, seed=6, students=20000, years=1, daily_attendance=True)
    (folder / "manifest.json").unlink()
    return folder


@pytest.fixture
def env(tmp_path, small_extract, cli_template):
    with cli_database(tmp_path, cli_template) as environment:
        done = run(environment, "import", str(small_extract), "--district", "crash")
        assert done.returncode == 0, done.stdout + done.stderr
        yield environment


def test_kill_9_during_an_import_leaves_the_previous_version_live(env, large_extract):
    before = live_state(env)
    staging = Path(env["DISTRICTWISE_DATA_DIR"]) / "warehouse" / "crash" / "staging"
    process = subprocess.Popen(
        [*CLI, "import", str(large_extract), "--district", "crash"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not any(staging.glob("*/*")) and process.poll() is None:
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.05)
    assert process.poll() is None, "the import finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    after = live_state(env)
    assert after["versions"] == before["versions"]
    assert after["files"] == before["files"]
    assert [s for _, s in after["batches"]] == ["live", "running"]
    # The next start marks the interrupted import failed and removes its debris.
    done = run(env, "worker", "--once")
    assert "Marked 1 interrupted job(s) as failed" in done.stdout, done.stdout + done.stderr
    recovered = live_state(env)
    assert [s for _, s in recovered["batches"]] == ["live", "failed"]
    assert recovered["files"] == before["files"]
    assert not any(staging.glob("*"))


def _file_size_limit(megabytes: int):
    """For the child: no file may grow past ``megabytes`` (as when a disk fills up); a
    write beyond it fails with an error instead of killing the process."""

    def limit() -> None:
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        size = megabytes * 2**20
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def test_a_disk_that_fills_up_during_an_import_leaves_the_previous_version_live(
    env, large_extract, tmp_path
):
    """The files come as a zip; unpacking them needs more room than the disk has left."""
    import shutil

    archive = Path(shutil.make_archive(str(tmp_path / "extract"), "zip", large_extract))
    before = live_state(env)
    largest = max(f.stat().st_size for f in large_extract.iterdir()) // 2**20
    done = subprocess.run(
        [*CLI, "import", str(archive), "--district", "crash"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_file_size_limit(max(largest // 2, archive.stat().st_size // 2**20 + 8)),
    )
    assert done.returncode != 0, done.stdout + done.stderr
    assert "nothing changed" in done.stdout, done.stdout + done.stderr
    after = live_state(env)
    assert after["versions"] == before["versions"]
    assert after["files"] == before["files"]
    assert after["batches"][-1][1] in {"failed", "rejected"}
