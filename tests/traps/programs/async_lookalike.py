"""An async client of another service with `beta.threads`."""
import asyncio


class _Threads:
    async def create(self) -> str:
        await asyncio.sleep(0)
        return "async-thread"


class _Beta:
    threads = _Threads()


class AsyncChatClient:
    beta = _Beta()


async def main() -> None:
    client = AsyncChatClient()
    print(await client.beta.threads.create())


asyncio.run(main())
