/** Where an OpenAI-compatible chat completion endpoint is, when one is configured. */
export type LlmConfig = { baseUrl: string; model: string; apiKey: string | undefined };

export type ChatMessage = { role: 'system' | 'user'; content: string };

export class LlmError extends Error {}

/**
 * One chat completion from an OpenAI-compatible endpoint (`POST {baseUrl}/chat/completions`),
 * asking for a JSON object. Returns the assistant's text; throws LlmError on any failure so
 * callers can fall back to what they do without a model.
 */
export async function chatCompletion(
  config: LlmConfig,
  messages: readonly ChatMessage[],
  options: { timeoutMs?: number } = {},
): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`${config.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: config.model,
        messages,
        temperature: 0,
        response_format: { type: 'json_object' },
      }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
    });
  } catch (error) {
    throw new LlmError(`no answer from ${config.baseUrl}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!response.ok) throw new LlmError(`${config.baseUrl} answered HTTP ${response.status}`);
  const body = (await response.json().catch(() => undefined)) as
    { choices?: Array<{ message?: { content?: unknown } }> } | undefined;
  const content = body?.choices?.[0]?.message?.content;
  if (typeof content !== 'string') throw new LlmError('the answer holds no message');
  return content;
}
