"""Shared constants for the emulator tests."""

WEATHER_FN = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "weather for a city",
        "parameters": {"type": "object", "properties": {"city": {"type": "string", "default": "Paris"}}},
    },
}
WEATHER_TOOL = {
    "type": "function",
    "name": "get_weather",
    "description": "weather for a city",
    "strict": False,
    "parameters": {"type": "object", "properties": {"city": {"type": "string", "default": "Paris"}}},
}
