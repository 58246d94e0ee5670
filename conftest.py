"""Root conftest: pytest only accepts `pytest_plugins` here. The emulator's fixture
(`emulator`: a started Emulator with spec validation on) is available to every test."""

pytest_plugins = ["assistants_migrate.emulator.testing"]
