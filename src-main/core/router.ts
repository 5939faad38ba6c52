/**
 * One table of handlers behind one entry point: `invoke(name, input)` looks the procedure up in the
 * contract, validates the input there (never trusting the caller), runs the handler, checks the
 * output against the contract and answers with a value, never a throw.
 */
import { z } from 'zod';
import { contract, isProcedureName, type Contract, type ProcedureName, type ProcedureOutput } from '../../src-shared/contract';
import { AppError, isAppError, type FieldProblem } from '../../src-shared/errors';
import type { RpcResult } from '../../src-shared/result';
import { describeError, type Logger } from '../../src-node/logger';

z.config(z.locales.zhCN());

export type Handlers = {
  [N in ProcedureName]: (input: z.output<Contract[N]['input']>) => Promise<ProcedureOutput<N>>;
};

export interface Router {
  invoke(name: string, input: unknown): Promise<RpcResult>;
}

export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || '(input)', message: issue.message }));
}

const UNEXPECTED = '程序内部出错，您的数据没有丢失。请重试；如果仍然出错，请联系技术支持';

/**
 * `admit` runs before anything else of a call and refuses it by throwing an AppError (the operator lock,
 * operator-lock/router-gate.ts): the input is not even parsed for a call that may not run.
 */
export function createRouter(handlers: Handlers, logger: Logger, admit: (name: ProcedureName) => Promise<void> = async () => undefined): Router {
  async function run(name: ProcedureName, input: unknown): Promise<unknown> {
    await admit(name);
    const parsed = contract[name].input.safeParse(input ?? {});
    if (!parsed.success) throw AppError.validation(fieldProblems(parsed.error));
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    const output = await handler(parsed.data);
    const checked = contract[name].output.safeParse(output);
    if (!checked.success) {
      logger.error('router.output_mismatch', { procedure: name, issues: checked.error.issues.length });
      throw new AppError('INTERNAL', UNEXPECTED);
    }
    return checked.data;
  }

  return {
    async invoke(name, input) {
      if (typeof name !== 'string' || !isProcedureName(name)) {
        return { ok: false, error: { code: 'UNKNOWN_PROCEDURE', message: '程序请求了不存在的功能，请升级到最新版本', details: { procedure: String(name) } } };
      }
      try {
        return { ok: true, data: await run(name, input) };
      } catch (error) {
        if (isAppError(error)) {
          return { ok: false, error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } };
        }
        logger.error('router.unexpected', { procedure: name, ...describeError(error) });
        return { ok: false, error: { code: 'INTERNAL', message: UNEXPECTED } };
      }
    },
  };
}
