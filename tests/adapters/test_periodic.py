"""Background jobs stop after the round they are in, so no database call is cut off halfway."""

from __future__ import annotations

import asyncio

from adapters.periodic import Periodic


async def test_stopping_lets_the_running_round_finish() -> None:
    started, finished = asyncio.Event(), []

    async def job() -> None:
        started.set()
        await asyncio.sleep(0.2)
        finished.append(True)

    periodic = Periodic("test", 60.0, job)
    periodic.start()
    await started.wait()
    await periodic.stop()
    assert finished == [True]


async def test_a_round_that_overruns_the_grace_period_is_cut_off() -> None:
    started, cancelled = asyncio.Event(), []

    async def job() -> None:
        started.set()
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            cancelled.append(True)
            raise

    periodic = Periodic("test", 60.0, job, grace=0.05)
    periodic.start()
    await started.wait()
    await asyncio.wait_for(periodic.stop(), 5)
    assert cancelled == [True]


async def test_rounds_repeat_at_the_interval_and_stop_promptly_between_them() -> None:
    rounds: list[float] = []

    async def job() -> None:
        rounds.append(asyncio.get_running_loop().time())

    periodic = Periodic("test", 0.05, job, wait_first=True)
    periodic.start()
    await asyncio.sleep(0.3)
    await asyncio.wait_for(periodic.stop(), 1)  # waiting between rounds: no grace period needed
    count = len(rounds)
    assert count >= 2
    await asyncio.sleep(0.15)
    assert len(rounds) == count, "no round after stop"
    await periodic.stop()  # stopping twice is harmless
