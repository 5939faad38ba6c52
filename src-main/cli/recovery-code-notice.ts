/** The recovery code as the CLI shows it, once: with what it is for, in the clerk's words. */
export function recoveryCodeNotice(code: string): string {
  return [
    '',
    '本机数据的恢复码（只显示这一次，请抄写下来，与电脑分开保管）：',
    `    ${code}`,
    '电脑重装或换电脑后，用备份恢复数据时需要它：skills-desk recover --code 恢复码',
    '',
  ].join('\n');
}
