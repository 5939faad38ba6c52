import { Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { staffMessageOf } from '../api/staff-error';
import { useRevealIdNumber } from '../api/use-staff';

/**
 * A masked ID number with 显示完整号码: the full number is asked of the server for this one trainee (the
 * server decides whether this account may see it and records every request in the 操作日志), shown in place
 * until 隐藏, and kept nowhere else (not in the query cache: a refetch shows the mask again).
 */
export function RevealIdNumber({ masked, traineeId }: { masked: string; traineeId: string }) {
  const reveal = useRevealIdNumber();
  const [full, setFull] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  const ask = () => {
    setRefusal(null);
    reveal.mutate(traineeId, { onSuccess: (answer) => setFull(answer.idNumber), onError: (error) => setRefusal(staffMessageOf(error)) });
  };

  return (
    <Flex vertical gap={2}>
      <Flex gap={8} align="center" wrap>
        <span className="tabular" data-testid="duplicate-id-number">
          {full ?? masked}
        </span>
        {full ? (
          <Button size="small" type="link" onClick={() => setFull(null)}>
            隐藏
          </Button>
        ) : (
          <Button size="small" type="link" loading={reveal.isPending} onClick={ask}>
            显示完整号码
          </Button>
        )}
      </Flex>
      {refusal && <Typography.Text type="danger">{refusal}</Typography.Text>}
    </Flex>
  );
}
