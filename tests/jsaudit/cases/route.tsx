// TSX: a Next.js route handler streaming a run back to the browser.
import OpenAI from "openai";

const openai = new OpenAI();

export async function POST(request: Request, { params }: { params: { threadId: string } }) {
  const { content } = await request.json();
  await openai.beta.threads.messages.create(params.threadId, { role: "user", content }); // expect: AM401
  const stream = openai.beta.threads.runs.stream(params.threadId, { // expect: AM701
    assistant_id: process.env.ASSISTANT_ID as string,
  });
  return new Response(stream.toReadableStream()); // expect: AM701
}

export function Banner() {
  return <p className="beta">threads</p>;
}
