import { messageOf } from '../../api/rpc-error';
import { TransferError } from './file-transfer';

/** The Chinese message of a failed call or file transfer; anything else gets the generic "please retry". */
export function errorText(error: unknown): string {
  return error instanceof TransferError ? error.message : messageOf(error);
}
