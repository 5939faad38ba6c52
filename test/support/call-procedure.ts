/** A procedure through the app's router, as the UI calls it; answers its data or throws with the error's code and message. */
import type { AppContext } from '../../src-main/core/app-context';

export async function callProcedure<T>(context: AppContext, procedure: string, input: unknown): Promise<T> {
  const result = await context.invoke(procedure, input);
  if (!result.ok) throw new Error(`${procedure}: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}
