"""Load on /api/messages for three servers side by side: this bot, the SDK's echo bot, bare aiohttp.

  (a) wegwijzer  `python -m bot serve`, FAQ turns, dialog state persisted in SQLite; driven twice:
                 with the harness's load sentences, and (wegwijzer-1) without the one that opens
                 the room search, so that every turn is a one-turn answer
  (b) sdk-echo   a plain botbuilder CloudAdapter echo bot (the SDK's own baseline)
  (c) bare       a bare aiohttp JSON handler (this machine's ceiling)

Two modes: `expectReplies` (replies in the HTTP answer) and the normal path, where replies are
POSTed to the activity's serviceUrl: a local fake Bot Connector (benchmarks/baselines.py).
Each worker is one conversation sending its turns one after another, at 16 and 64 concurrent
conversations. Every server runs pinned to CPU 0 (one core); this driver and the fake connector
run on the other CPUs. Prints medians of --repeats runs: turns/s, p50, p99, peak RSS, ratios.

Run: .venv/bin/python benchmarks/load.py [--seconds 5] [--repeats 3] [--conc 16 64]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# The shared harness's load sentences: FAQ questions the bot answers (one asks about leave).
FAQ = [
    "waar is de stilteruimte in het stadhuis",
    "kan ik anoniem melden?",
    "mag ik allochtoon zeggen?",
    "hoe bereik ik een vertrouwenspersoon",
    "wat is het externe meldpunt",
    "hoe vraag ik verlof aan",
]
# The same questions without the room search, which keeps a flow open for 'meer' (its turn and
# the next one take the SDK's full turn): every turn a one-turn answer, as most real ones are.
ONE_TURN = [text for text in FAQ if "stilteruimte" not in text]
WORKLOADS = {"wegwijzer": FAQ, "wegwijzer-1": ONE_TURN}
MODES = ("expectReplies", "normal")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cpus() -> tuple[set[int], set[int]]:
    """CPU 0 for the server under test, the rest for the driver and the fake connector."""
    available = sorted(os.sched_getaffinity(0))
    if len(available) < 2:
        return set(available), set(available)
    return {available[0]}, set(available[1:])


def pinned(cores: set[int]) -> Callable[[], None]:
    return lambda: os.sched_setaffinity(0, cores)


@dataclass
class Process:
    name: str
    argv: list[str]
    port: int
    env: dict[str, str]
    cores: set[int]
    proc: subprocess.Popen[bytes] | None = None

    def start(self, health: str) -> None:
        self.log = tempfile.TemporaryFile()  # noqa: SIM115  (lives as long as the process)
        self.proc = subprocess.Popen(
            self.argv,
            cwd=REPO,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            preexec_fn=pinned(self.cores),
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.log.seek(0)
                raise SystemExit(f"{self.name} exited:\n{self.log.read().decode(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{health}", timeout=1):
                    return
            except OSError as error:
                if getattr(error, "code", None) in (404, 405):  # up, just no such GET route
                    return
            time.sleep(0.2)
        raise SystemExit(f"{self.name} did not start")

    def peak_rss_mb(self) -> float:
        assert self.proc is not None
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Connection:
    """A minimal HTTP/1.1 keep-alive client: cheap enough not to be what is measured."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.head = b"POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)

    async def post(self, body: bytes) -> int:
        self.writer.write(self.head + b"Content-Length: %d\r\n\r\n" % len(body) + body)
        status = int((await self.reader.readline()).split()[1])
        length, chunked = 0, False
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding" and b"chunked" in value.lower():
                chunked = True
        if chunked:
            while size := int((await self.reader.readline()).strip(), 16):
                await self.reader.readexactly(size + 2)
            await self.reader.readline()
        elif length:
            await self.reader.readexactly(length)
        return status

    def close(self) -> None:
        self.writer.close()


def activity(mode: str, conversation: str, user: str, text: str, service_url: str) -> bytes:
    body = {
        "type": "message",
        "id": uuid.uuid4().hex,
        "conversation": {"id": conversation, "conversationType": "personal"},
        "from": {"id": user, "name": "Load Test"},
        "recipient": {"id": "28:bot", "name": "Wegwijzer"},
        "locale": "nl-NL",
        "text": text,
        "serviceUrl": service_url,
    }
    if mode == "expectReplies":
        body.update(channelId="emulator", deliveryMode="expectReplies")
    else:
        body.update(channelId="msteams")
    return json.dumps(body).encode()


@dataclass
class Run:
    turns: int
    seconds: float
    errors: int
    latencies: list[float] = field(repr=False)

    @property
    def rate(self) -> float:
        return self.turns / self.seconds

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000 if ordered else float("nan")


async def drive(
    port: int, mode: str, conc: int, seconds: float, service_url: str, sentences: list[str] = FAQ
) -> Run:
    latencies: list[float] = []
    errors = 0
    stop_at = time.perf_counter() + seconds

    async def conversation(k: int) -> None:
        nonlocal errors
        connection = Connection(port)
        await connection.open()
        conv, user = f"a:load-{uuid.uuid4().hex}", f"29:load-{k}-{uuid.uuid4().hex[:8]}"
        texts = itertools.cycle(sentences[k % len(sentences) :] + sentences[: k % len(sentences)])
        try:
            while time.perf_counter() < stop_at:
                body = activity(mode, conv, user, next(texts), service_url)
                started = time.perf_counter()
                status = await connection.post(body)
                if 200 <= status < 300:
                    latencies.append(time.perf_counter() - started)
                else:
                    errors += 1
        finally:
            connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(conversation(k) for k in range(conc)))
    return Run(len(latencies), time.perf_counter() - started, errors, latencies)


def sanity(port: int, mode: str, service_url: str, connector_port: int) -> None:
    """One turn, checked: a message comes back (or reaches the fake connector)."""
    before = received(connector_port)
    body = activity(mode, "a:sanity-" + uuid.uuid4().hex, "29:sanity", FAQ[1], service_url)
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/messages", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        payload = answer.read()
    if mode == "expectReplies":
        kinds = [a.get("type") for a in json.loads(payload)["activities"]]
        assert "message" in kinds, kinds
    else:
        assert received(connector_port) > before, "no reply reached the fake connector"


def received(connector_port: int) -> int:
    with urllib.request.urlopen(f"http://127.0.0.1:{connector_port}/count", timeout=5) as answer:
        return int(json.loads(answer.read())["received"])


def servers(workdir: Path, server_cores: set[int]) -> list[tuple[str, Process, str]]:
    python = sys.executable
    env = {k: v for k, v in os.environ.items() if not k.lower().startswith("microsoftapp")}
    env.update(
        {"PYTHONUNBUFFERED": "1", "LOG_LEVEL": "WARNING", "MicrosoftAppId": "", "MicrosoftAppPassword": ""}
    )
    bot_port, sdk_port, bare_port = free_port(), free_port(), free_port()
    bot_env = {
        **env,
        "HOST": "127.0.0.1",
        "PORT": str(bot_port),
        "DATABASE_URL": f"sqlite+aiosqlite:///{workdir}/bot.db",
    }
    baselines = str(REPO / "benchmarks" / "baselines.py")
    return [
        (
            "wegwijzer",
            Process("wegwijzer", [python, "-m", "bot", "serve"], bot_port, bot_env, server_cores),
            "/healthz",
        ),
        (
            "sdk-echo",
            Process(
                "sdk-echo",
                [python, baselines, "sdk-echo", "--port", str(sdk_port)],
                sdk_port,
                env,
                server_cores,
            ),
            "/",
        ),
        (
            "bare",
            Process(
                "bare", [python, baselines, "bare", "--port", str(bare_port)], bare_port, env, server_cores
            ),
            "/",
        ),
    ]


def measure(
    port: int, mode: str, conc: int, service_url: str, sentences: list[str], args: argparse.Namespace
) -> list[Run]:
    """A warm-up, then --repeats measured runs."""
    asyncio.run(drive(port, mode, conc, args.warmup, service_url, sentences))
    return [
        asyncio.run(drive(port, mode, conc, args.seconds, service_url, sentences))
        for _ in range(args.repeats)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="length of one measured run")
    parser.add_argument("--repeats", type=int, default=3, help="runs per cell; medians are printed")
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--conc", type=int, nargs="+", default=[16, 64])
    parser.add_argument("--modes", nargs="+", default=list(MODES), choices=MODES)
    args = parser.parse_args()

    server_cores, driver_cores = cpus()
    os.sched_setaffinity(0, driver_cores)
    print(f"server on CPU {sorted(server_cores)}; driver and fake connector on CPU {sorted(driver_cores)}")
    workdir = Path(tempfile.mkdtemp(prefix="wegwijzer-load-"))
    connector_port = free_port()
    connector = Process(
        "connector",
        [
            sys.executable,
            str(REPO / "benchmarks" / "baselines.py"),
            "connector",
            "--port",
            str(connector_port),
        ],
        connector_port,
        dict(os.environ),
        driver_cores,
    )
    connector.start("/count")
    service_url = f"http://127.0.0.1:{connector_port}/"
    results: dict[tuple[str, str, int], list[Run]] = {}
    rss: dict[str, float] = {}
    try:
        for name, server, health in servers(workdir, server_cores):
            server.start(health)
            try:
                for mode in args.modes:
                    sanity(server.port, mode, service_url, connector_port)
                    for conc in args.conc:
                        for label, sentences in WORKLOADS.items() if name == "wegwijzer" else [(name, FAQ)]:
                            runs = measure(server.port, mode, conc, service_url, sentences, args)
                            results[(label, mode, conc)] = runs
                            median = statistics.median(r.rate for r in runs)
                            print(
                                f"  {label:11s} {mode:13s} {conc:3d} concurrent: {median:8.1f} turns/s",
                                flush=True,
                            )
                rss[name] = server.peak_rss_mb()
            finally:
                server.stop()
    finally:
        connector.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    report(results, rss, args)


def report(
    results: dict[tuple[str, str, int], list[Run]], rss: dict[str, float], args: argparse.Namespace
) -> None:
    def med(name: str, mode: str, conc: int, what: Callable[[Run], float]) -> float:
        return statistics.median(what(r) for r in results[(name, mode, conc)])

    print(f"\nmedians of {args.repeats} runs of {args.seconds:g} s each (server pinned to one core)")
    header = ("mode", "conc", "server", "turns/s", "p50 ms", "p99 ms", "errors")
    print("{:13s} {:>4s}  {:11s} {:>9s} {:>8s} {:>8s} {:>6s}".format(*header))
    for mode in args.modes:
        for conc in args.conc:
            for name in (*WORKLOADS, "sdk-echo", "bare"):
                rate = med(name, mode, conc, lambda r: r.rate)
                p50 = med(name, mode, conc, lambda r: r.percentile(0.50))
                p99 = med(name, mode, conc, lambda r: r.percentile(0.99))
                errors = sum(r.errors for r in results[(name, mode, conc)])
                print(f"{mode:13s} {conc:4d}  {name:11s} {rate:9.1f} {p50:8.1f} {p99:8.1f} {errors:6d}")
            b = med("sdk-echo", mode, conc, lambda r: r.rate)
            c = med("bare", mode, conc, lambda r: r.rate)
            for name in WORKLOADS:
                a = med(name, mode, conc, lambda r: r.rate)
                print(f"{'':13s} {'':4s}  {name}: a/b = {a / b:.1f}x, a/c = {100 * a / c:.0f}%")
    print("peak RSS: " + ", ".join(f"{name} {mb:.0f} MB" for name, mb in rss.items()))


if __name__ == "__main__":
    main()
