"""The stretches of one .jsonl file decided in worker processes (engine/stream_jobs.py, issue 18).

Whatever the processes do, the report is the one process's byte for byte, and bad input is
found where, and as, the one process finds it: a stretch a worker could not finish is read
again by the parent."""
import concurrent.futures
import os

import pytest

import engine
from cli_parts.output import Planned
from engine import stream_jobs
from engine.render.json_stream import DecisionBytes
from engine.stream import ScenarioStream, write_report


def spooled(fmt, paths, rulebook, tmp_path, jobs, stretch=97):
    """(the bytes written, every task permitted, the streams) of a streamed check."""
    streams = [ScenarioStream(path, rulebook, stretch=stretch, jobs=jobs) for path in paths]
    with open(tmp_path / f"spool{jobs}", "w+b") as spool:
        plan, permitted = write_report(streams, rulebook, fmt, spool)
        return b"".join(Planned(plan, spool).blocks()), permitted, streams


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
@pytest.mark.parametrize("names", [["year.jsonl", "varied.jsonl"], ["year.yaml", "varied.yaml", "year.json"]])
def test_stretches_decided_in_two_processes_are_the_one_process_report(fmt, names, files, rulebook, tmp_path,
                                                                      monkeypatch):
    """JSON Lines a stretch at a time; a YAML or JSON file of more than one stretch in parts
    (the varied YAML is read in this process: too small to be worth cutting)."""
    paths = [files[name] for name in names]
    alone, permitted, streams = spooled(fmt, paths, rulebook, tmp_path, jobs=1)
    taken = []
    result = stream_jobs._Taken.result
    monkeypatch.setattr(stream_jobs._Taken, "result", lambda *args: taken.append(result(*args)) or taken[-1])
    together, permitted_too, streams_too = spooled(fmt, paths, rulebook, tmp_path, jobs=2)
    assert together == alone and permitted_too == permitted
    assert len(taken) >= 7 and all(taken)               # year's 600 tasks were decided in the workers
    for one, other in zip(streams, streams_too):
        assert (other.head.scenario.digest, other.summary, other.count) == \
               (one.head.scenario.digest, one.summary, one.count)
        assert other.head.windows == one.head.windows and other.head.authorities == one.head.authorities


class InProcess:
    """A pool that runs `work` here, as a worker tagged 7 would, and loses every third stretch."""

    def __init__(self, rulebook, lines):
        from engine.stream import WRITERS
        writer = WRITERS["jsonl" if lines else "json"](None, False, 100)
        writer.bytes = DecisionBytes(lines, tag=b"7.")
        stream_jobs._WORKER.update(writer=writer, as_of=None)
        self.count = 0

    def submit(self, work, *args):
        future = concurrent.futures.Future()
        self.count += 1
        if self.count % 3 == 0:
            future.set_exception(concurrent.futures.process.BrokenProcessPool("lost"))
        else:
            future.set_result(work(*args))
        return future

    def shutdown(self, wait=True, cancel_futures=False):
        stream_jobs._WORKER.clear()


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_a_lost_worker_leaves_the_rest_to_the_parent_and_the_same_report(fmt, files, rulebook, tmp_path,
                                                                          monkeypatch):
    paths = [files["varied.jsonl"]]
    alone, _, _ = spooled(fmt, paths, rulebook, tmp_path, jobs=1, stretch=40)
    pools = []
    monkeypatch.setattr(stream_jobs, "_pool", lambda stream, writer: pools.append(InProcess(rulebook, fmt == "jsonl"))
                        or pools[-1])
    together, _, _ = spooled(fmt, paths, rulebook, tmp_path, jobs=2, stretch=40)
    assert together == alone
    assert pools and pools[0].count >= 3        # the third stretch was lost, and the rest read here


def test_where_no_process_can_start_the_parent_checks_alone(files, rulebook, tmp_path, monkeypatch):
    paths = [files["year.jsonl"]]
    alone, _, _ = spooled("jsonl", paths, rulebook, tmp_path, jobs=1)
    monkeypatch.setattr(stream_jobs, "_pool", lambda stream, writer: None)
    assert spooled("jsonl", paths, rulebook, tmp_path, jobs=2)[0] == alone


def errors(path, rulebook, jobs, fmt="json", stretch=64):
    """Every error a streamed check of `path` raises, as (code, message, place)."""
    streams = [ScenarioStream(str(path), rulebook, stretch=stretch, jobs=jobs)]
    with open(path.parent / f"spool-{jobs}", "w+b") as spool:
        with pytest.raises(engine.ComitatusError) as caught:
            write_report(streams, rulebook, fmt, spool)
    found = caught.value.errors if isinstance(caught.value, engine.Problems) else [caught.value]
    return [(error.code, error.message, error.where) for error in found]


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_a_duplicate_id_across_stretches_is_the_one_process_error(fmt, files, tmp_path, rulebook):
    with open(files["year.jsonl"], encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    lines.append(lines[5])                  # task 5 again, 596 lines later
    path = tmp_path / "dup.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = errors(path, rulebook, 2, fmt)[0]
    assert found == errors(path, rulebook, 1, fmt)[0]
    assert found[0] == "duplicate-id" and found[2].line == len(lines) and found[1].endswith("(first on line 6)")


def test_bad_input_in_a_stretch_before_bad_bytes_is_reported_first(files, tmp_path, rulebook):
    """A bad task in the second stretch (lines 66-129), bytes that are not UTF-8 in the fourth:
    the one process reports the task (it never reads on), and so do the processes, though
    the parent has read the bad bytes by the time the task's stretch comes back."""
    with open(files["year.jsonl"], "rb") as handle:
        lines = handle.read().split(b"\n")
    good = lines[100]
    lines[100] = b'{"id": "Z9", "force": "nobody", "activity": "data_entry"}'
    lines[220] = b'{"id": "\xff"}'
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"\n".join(lines))
    found = errors(path, rulebook, 2, "jsonl")[0]
    assert found == errors(path, rulebook, 1, "jsonl")[0]
    assert found[0] == "unknown-reference" and found[2].line == 101
    lines[100] = good
    path.write_bytes(b"\n".join(lines))
    found = errors(path, rulebook, 2, "jsonl")[0]
    assert found == errors(path, rulebook, 1, "jsonl")[0]
    assert found[0] == "not-utf8" and found[2].line == 221


def test_explanations_of_a_stretch_a_worker_could_not_finish_are_made_again():
    made = DecisionBytes(True, tag=b"3.")
    mark = made._mark(b"an explanation\n")
    assert made.handed() == [(b"3.0", b"an explanation\n")]
    lost = made._mark(b"another\n")
    made.forget(made.handed())              # its stretch failed: never sent
    again = made._mark(b"another\n")
    assert made.handed() == [(b"3.1", b"another\n")] and again == lost and mark == b"\x003.0\n"
    parent = DecisionBytes(True)
    parent.adopt([(b"3.0", b"an explanation\n"), (b"3.1", b"another\n")])
    assert parent.expand(b'{"task":"T1",\x003.1\n{"task":"T2",\x003.0\n') == \
        b'{"task":"T1",another\n{"task":"T2",an explanation\n'


def test_auto_jobs_is_the_cores_up_to_its_cap():
    assert 1 <= stream_jobs.auto_jobs() <= stream_jobs.AUTO_JOBS


def test_a_worker_leaves_without_tearing_down_its_caches_but_with_its_output_flushed():
    """A stopped worker's teardown (freeing its caches object by object) is skipped: a
    handler registered before the worker started never runs; what it wrote still arrives."""
    import subprocess
    import sys
    program = ("import atexit, sys\n"
               "atexit.register(lambda: sys.stdout.write(' torn down'))\n"
               "from engine import stream_jobs\n"
               "stream_jobs.start(False, None, 100)\n"
               "sys.stdout.write('written')\n")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60,
                          cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    assert (done.returncode, done.stdout, done.stderr) == (0, "written", "")


class Killed:
    """A real pool whose workers are all killed (SIGKILL) once the second stretch is handed over."""

    def __init__(self, pool):
        self.pool, self.count, self.killed = pool, 0, 0

    def submit(self, *args):
        future = self.pool.submit(*args)
        self.count += 1
        if self.count == 2:
            import os
            import signal
            for process in list(self.pool._processes.values()):
                os.kill(process.pid, signal.SIGKILL)
                self.killed += 1
        return future

    def shutdown(self, **kwargs):
        self.pool.shutdown(**kwargs)


@pytest.fixture
def alarm():
    """A hang fails the test (SIGALRM after 120 s) instead of stopping the suite."""
    import signal

    def ring(*_):
        raise TimeoutError("the check hung")
    before = signal.signal(signal.SIGALRM, ring)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, before)


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_workers_killed_mid_check_leave_the_parent_to_finish_the_same_report(fmt, files, rulebook, tmp_path,
                                                                           monkeypatch, alarm):
    paths = [files["varied.jsonl"]]
    alone, _, _ = spooled(fmt, paths, rulebook, tmp_path, jobs=1, stretch=40)
    made, pools = stream_jobs._pool, []
    monkeypatch.setattr(stream_jobs, "_pool", lambda stream, writer: pools.append(Killed(made(stream, writer)))
                        or pools[-1])
    assert spooled(fmt, paths, rulebook, tmp_path, jobs=2, stretch=40)[0] == alone
    assert pools[0].killed >= 1


def assert_read_alike(read, parts, whole):
    """Each part read alone is the whole file's header and its stretch of the tasks, each
    task (and a value in it) at the position the whole file gives it; together, all 600."""
    done = 0
    for part in parts:
        doc = read(part, "f", engine.ScenarioError, "d")
        tasks = doc.data["tasks"]
        assert {k: v for k, v in doc.data.items() if k != "tasks"} == \
               {k: v for k, v in whole.data.items() if k != "tasks"}
        assert tasks == whole.data["tasks"][done:done + len(tasks)]
        for number in (0, len(tasks) - 1):
            assert doc.where(("tasks", number)) == whole.where(("tasks", done + number))
            assert doc.where(("tasks", number, "activity")) == whole.where(("tasks", done + number, "activity"))
        done += len(tasks)
    assert done == 600


def test_each_part_of_a_yaml_file_reads_as_the_whole_file_reads_its_tasks(files):
    from engine.read.yaml_fast import read_yaml, task_chunks
    with open(files["year.yaml"], encoding="utf-8") as handle:
        text = handle.read()
    whole = read_yaml(text, "f", engine.ScenarioError, "d")
    parts = task_chunks(text, 97)
    assert len(parts) == 7                      # 600 tasks
    assert_read_alike(read_yaml, parts, whole)
    assert task_chunks(text, 600) is None                                     # one stretch: nothing to share
    assert task_chunks(text.replace("\ntasks:", "\ntasks:", 1) + "description: after\n", 97) is None



def test_a_worker_reads_the_header_its_parts_repeat_once_and_another_header_afresh(files, monkeypatch):
    """A worker keeps the last header it read carefully (`heads`): seven parts, one careful
    reading of their header, each part still read as the whole file reads it; a part whose
    header differs (another title) is read for its own header, never given the kept one."""
    from engine.read import yaml_fast
    with open(files["year.yaml"], encoding="utf-8") as handle:
        text = handle.read()
    whole = yaml_fast.read_yaml(text, "f", engine.ScenarioError, "d")
    parts = yaml_fast.task_chunks(text, 97)
    careful, headers = yaml_fast.parse_yaml, []

    def counted(part, *rest):
        if not part.lstrip().startswith("- "):        # not one task's lines (a position inside it)
            headers.append(part)
        return careful(part, *rest)
    monkeypatch.setattr(yaml_fast, "parse_yaml", counted)
    monkeypatch.setattr(yaml_fast, "MIN_BYTES", 0)              # parts this small take the fast path too
    heads: dict = {}
    assert_read_alike(lambda *given: yaml_fast.read_yaml(*given, heads), parts, whole)
    assert len(headers) == 1
    retitled = "scenario: Another title\n" + parts[1].split("\n", 1)[1]
    assert retitled != parts[1]
    assert yaml_fast.read_yaml(retitled, "f", engine.ScenarioError, "d", heads).data["scenario"] == "Another title"
    assert len(headers) == 2

@pytest.mark.parametrize("layout, size, count", [("indented", 97, 7), ("one line", 200, 3), ("CRLF", 97, 7)])
def test_each_part_of_a_json_file_reads_as_the_whole_file_reads_its_tasks(files, layout, size, count):
    """Each part keeps every task of its stretch at its own line and column, whether the
    file is indented, one line or written with CRLF; a file on one line is not cut into
    parts that would hold more than PADDED times its text (each is padded up to its tasks)."""
    import json
    from engine.read.json_index import read_json, task_chunks
    with open(files["year.json"], encoding="utf-8") as handle:
        text = handle.read()
    if layout == "one line":
        text = json.dumps(json.loads(text), ensure_ascii=False)
    elif layout == "CRLF":
        text = text.replace("\n", "\r\n")
    whole = read_json(text, "f", engine.ScenarioError, "d")
    parts = task_chunks(text, size)
    assert len(parts) == count                  # 600 tasks
    assert_read_alike(read_json, parts, whole)
    assert task_chunks(text, 600) is None                                     # one stretch: nothing to share
    data = json.loads(text)
    first = {"tasks": data["tasks"], **{key: value for key, value in data.items() if key != "tasks"}}
    assert task_chunks(json.dumps(first), 97) is None                           # tasks not the last key
    assert (task_chunks(text, 50) is None) is (layout == "one line")             # 12 parts: 6.5 times the text
    twice = text.rstrip()[:-1].rstrip() + ', "tasks": ' + json.dumps(data["tasks"][:300]) + "}"
    assert task_chunks(twice, 97) is None                                       # a second "tasks" key


def json_with(files, tmp_path, change):
    import json
    with open(files["year.json"], encoding="utf-8") as handle:
        data = json.load(handle)
    change(data["tasks"])
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path


def test_bad_tasks_in_a_json_file_read_in_parts_are_every_error_of_the_whole_file(files, tmp_path, rulebook):
    def spoil(tasks):
        for number in (150, 450):                         # in the second part and the fifth
            tasks[number]["ide"] = tasks[number].pop("id")
    path = json_with(files, tmp_path, spoil)
    found = all_errors(path, rulebook, 2)
    assert found == all_errors(path, rulebook, 1) and len(found) == 2


def test_one_task_id_in_two_parts_of_a_json_file_is_the_whole_files_error(files, tmp_path, rulebook):
    def repeat(tasks):
        tasks[500]["id"] = tasks[3]["id"]
    path = json_with(files, tmp_path, repeat)
    found = all_errors(path, rulebook, 2)
    assert found == all_errors(path, rulebook, 1) and found[0][0] == "duplicate-id"


def yaml_with(files, tmp_path, change):
    with open(files["year.yaml"], encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    path = tmp_path / "changed.yaml"
    path.write_text("\n".join(change(lines)), encoding="utf-8")
    return path


def all_errors(path, rulebook, jobs):
    return errors(path, rulebook, jobs, stretch=97)


def test_bad_tasks_in_a_yaml_file_read_in_parts_are_every_error_of_the_whole_file(files, tmp_path, rulebook):
    def spoil(lines):
        tasks = [n for n, line in enumerate(lines) if line.startswith("  - {id: ")]
        for number in (tasks[150], tasks[450]):           # in the second part and the fifth
            lines[number] = lines[number].replace("{id:", "{ide:", 1)
        return lines
    path = yaml_with(files, tmp_path, spoil)
    found = all_errors(path, rulebook, 2)
    assert found == all_errors(path, rulebook, 1) and len(found) == 2


def test_one_task_id_in_two_parts_of_a_yaml_file_is_the_whole_files_error(files, tmp_path, rulebook):
    def repeat(lines):
        import re
        tasks = [n for n, line in enumerate(lines) if line.startswith("  - {id: ")]
        first = re.match(r"  - \{id: ([^,]+),", lines[tasks[3]]).group(1)
        lines[tasks[500]] = re.sub(r"\{id: [^,]+,", "{id: " + first + ",", lines[tasks[500]], count=1)
        return lines
    path = yaml_with(files, tmp_path, repeat)
    found = all_errors(path, rulebook, 2)
    assert found == all_errors(path, rulebook, 1) and found[0][0] == "duplicate-id"


def test_a_yaml_file_whose_workers_are_killed_is_checked_here_alike(files, rulebook, tmp_path, monkeypatch, alarm):
    paths = [files["year.yaml"]]
    alone, _, _ = spooled("json", paths, rulebook, tmp_path, jobs=1)
    made, pools = stream_jobs._pool, []
    monkeypatch.setattr(stream_jobs, "_pool", lambda stream, writer: pools.append(Killed(made(stream, writer)))
                        or pools[-1])
    assert spooled("json", paths, rulebook, tmp_path, jobs=2)[0] == alone
    assert pools[0].killed >= 1


@pytest.mark.parametrize("name", ["varied.yaml", "year.json", "year.jsonl"])
def test_workers_started_early_for_a_file_that_turns_out_not_to_need_them_are_stopped(name, files, rulebook,
                                                                                    tmp_path, monkeypatch):
    """Workers start before a file of EARLY_BYTES is read; a YAML file too small to cut into
    parts, a JSON file or a .jsonl file of one stretch is then checked here alone."""
    paths = [files[name]]
    alone, _, _ = spooled("json", paths, rulebook, tmp_path, jobs=1, stretch=1000)
    monkeypatch.setattr(stream_jobs, "EARLY_BYTES", 1)
    assert spooled("json", paths, rulebook, tmp_path, jobs=2, stretch=1000)[0] == alone


def test_no_temporary_folder_or_a_full_disk_leaves_the_check_to_this_process(files, rulebook, tmp_path,
                                                                            monkeypatch):
    paths = [files["year.jsonl"], files["year.yaml"]]
    alone, _, _ = spooled("jsonl", paths, rulebook, tmp_path, jobs=1)
    monkeypatch.setattr(stream_jobs, "_exchange", lambda: None)
    assert spooled("jsonl", paths, rulebook, tmp_path, jobs=2)[0] == alone
    monkeypatch.undo()

    def full(path, value):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(stream_jobs, "_dump", full)
    assert spooled("jsonl", paths, rulebook, tmp_path, jobs=2)[0] == alone
