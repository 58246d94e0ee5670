// A page whose handler receives one required tool call, typed from the beta module.
import { RequiredActionFunctionToolCall } from "openai/resources/beta/threads/runs/runs";

export function useTools(getWeather: (city: string) => string) {
  const functionCallHandler = async (call: RequiredActionFunctionToolCall) => {
    if (call?.function?.name !== "get_weather") return; // expect: AM603
    const args = JSON.parse(call.function.arguments); // expect: AM603
    return getWeather(args.location);
  };
  const other = { function: { name: "not a tool call" } };
  return [functionCallHandler, other.function.name];
}
