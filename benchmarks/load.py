"""Drive load with wrk (Debian package `wrk`) and read its figures."""
import json
import shutil
import statistics
import subprocess
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

LUA = Path(__file__).parent / "lua"


@dataclass
class Measurement:
    """One wrk run: throughput, latency percentiles and any failed requests."""

    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    bytes_per_request: int
    errors: dict = field(default_factory=dict)
    round_rps: list = field(default_factory=list)  # requests/s of each round, when combined from rounds

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def failed(self) -> int:
        return sum(self.errors.values())

    def as_dict(self) -> dict:
        return {**asdict(self), "rps": round(self.rps, 1)}


def wrk_path() -> str | None:
    return shutil.which("wrk")


@dataclass
class Load:
    """How hard to push: wrk threads, open connections, seconds per round and rounds per measurement.

    A page and its ceiling are measured in alternating rounds, so a busy neighbour on the
    machine slows both alike instead of skewing their ratio.
    """

    threads: int = 2
    connections: int = 16
    seconds: int = 3
    warmup: int = 1
    rounds: int = 3

    def run(self, url: str, script: str, env: dict | None = None, *, connections: int | None = None,
            seconds: int | None = None, threads: int | None = None) -> Measurement:
        connections = connections or self.connections
        threads = min(threads or self.threads, connections)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
            handle.write((LUA / f"{script}.lua").read_text() + "\n" + (LUA / "report.lua").read_text())
        command = [wrk_path() or "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds or self.seconds}s",
                   "--timeout", "30s", "-s", handle.name, url]
        done = subprocess.run(command, env={**(env or {}), "BENCH_THREADS": str(threads), "PATH": "/usr/bin:/bin"},
                              capture_output=True, text=True, timeout=300)
        Path(handle.name).unlink()
        line = next((l for l in done.stdout.splitlines() if l.startswith("BENCH-JSON ")), None)
        if done.returncode != 0 or line is None:
            raise RuntimeError(f"wrk failed ({done.returncode}): {done.stdout}\n{done.stderr}")
        figures = json.loads(line.removeprefix("BENCH-JSON "))
        return Measurement(requests=figures["requests"], seconds=figures["duration_us"] / 1e6,
                           p50_ms=figures["p50_us"] / 1000, p99_ms=figures["p99_us"] / 1000,
                           bytes_per_request=figures["bytes"] // max(1, figures["requests"]),
                           errors={k: v for k, v in figures["errors"].items() if v})

    def warm(self, url: str, script: str, env: dict | None = None, **options) -> Measurement | None:
        if self.warmup > 0:
            return self.run(url, script, env, seconds=self.warmup, **options)
        return None


def combine(rounds: list[Measurement]) -> Measurement:
    """Several rounds of one measurement as one: total throughput, median latencies."""
    errors: dict = {}
    for m in rounds:
        for key, value in m.errors.items():
            errors[key] = errors.get(key, 0) + value
    return Measurement(requests=sum(m.requests for m in rounds), seconds=sum(m.seconds for m in rounds),
                       p50_ms=statistics.median(m.p50_ms for m in rounds),
                       p99_ms=statistics.median(m.p99_ms for m in rounds),
                       bytes_per_request=rounds[-1].bytes_per_request, errors=errors,
                       round_rps=[round(m.rps, 1) for m in rounds])
