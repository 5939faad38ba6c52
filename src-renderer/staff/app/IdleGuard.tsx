import { Button, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { sessionStore } from '../api/session';
import { staffCall } from '../api/staff-client';

/** How long before the end the warning shows: two minutes, or a fifth of a short limit. */
export function warningMs(idleTimeoutMs: number): number {
  return Math.min(2 * 60_000, Math.floor(idleTimeoutMs / 5));
}

/**
 * The idle timeout as the user sees it. The server ends the session after the configured minutes
 * without a request (it decides: this tab cannot keep a session alive by itself); this tab counts from
 * the last answer it got, warns before the end with the choice to go on, and at the end returns to the
 * login page with the reason, forgetting the token.
 */
export function IdleGuard({ idleTimeoutMs }: { idleTimeoutMs: number }) {
  const [now, setNow] = useState(() => Date.now());
  const [continuing, setContinuing] = useState(false);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    const stop = sessionStore.onActivity(() => setNow(Date.now()));
    return () => {
      clearInterval(timer);
      stop();
    };
  }, []);
  const left = sessionStore.lastActivity() + idleTimeoutMs - now;
  const minutes = Math.round(idleTimeoutMs / 60_000);
  useEffect(() => {
    if (left > 0) return;
    // Ended here whatever the server says; the logout tells the server too when it is reachable.
    void staffCall('auth.logout').catch(() => undefined);
    sessionStore.end(`超过 ${minutes} 分钟未操作，已自动退出登录，请重新登录。`);
  }, [left, minutes]);
  const keepOn = async () => {
    setContinuing(true);
    try {
      await staffCall('auth.me');
    } finally {
      setContinuing(false);
    }
  };
  return (
    <Modal
      open={left > 0 && left <= warningMs(idleTimeoutMs)}
      title="即将自动退出登录"
      closable={false}
      maskClosable={false}
      footer={[
        <Button key="out" onClick={() => void staffCall('auth.logout').finally(() => sessionStore.end())}>
          退出登录
        </Button>,
        <Button key="on" type="primary" loading={continuing} onClick={() => void keepOn()}>
          继续使用
        </Button>,
      ]}
    >
      <Typography.Paragraph>
        您已有一段时间未操作。为保护数据安全，{Math.max(0, Math.ceil(left / 1000))} 秒后将自动退出登录（超过 {minutes} 分钟未操作即退出）。
      </Typography.Paragraph>
    </Modal>
  );
}
