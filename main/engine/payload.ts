// A message payload that is parsed or serialized only when someone needs that form: a pass-through
// step never parses, a fused step hands its output object straight to the next node, and JSON text is
// made once when the payload is stored (queue, output, trace).
import { payloadText } from './json-text.js';

export class Payload {
  private parsed: boolean;
  private object: unknown;
  private json: string | undefined;

  private constructor(parsed: boolean, object: unknown, json: string | undefined) {
    this.parsed = parsed;
    this.object = object;
    this.json = json;
  }

  static fromText(text: string): Payload {
    return new Payload(false, undefined, text);
  }

  static fromValue(value: unknown): Payload {
    return new Payload(true, value, undefined);
  }

  get value(): unknown {
    if (!this.parsed) {
      this.object = JSON.parse(this.json as string) as unknown;
      this.parsed = true;
    }
    return this.object;
  }

  /** The JSON text; throws PAYLOAD_NOT_JSON for values JSON cannot hold. */
  get text(): string {
    this.json ??= payloadText(this.object);
    return this.json;
  }

  get hasText(): boolean {
    return this.json !== undefined;
  }
}
