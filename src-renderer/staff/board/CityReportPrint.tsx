import { DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { TablePreviewModal } from '../../features/periods/TablePreviewModal';
import { staffDownload } from '../api/staff-client';
import { staffMessageOf } from '../api/staff-error';
import { useCityReportHtml } from '../api/use-staff';

/**
 * 打印 / PDF / .xlsx of a city report as the city submitted it: the official table, one row per county and 合计, the
 * 附页 and the signature lines. Offered once the city report has been submitted (also after a return: the submitted
 * version is what was judged).
 */
export function CityReportPrint({ city, cityName, period }: { city: string; cityName: string; period: string }) {
  const { message } = App.useApp();
  const [previewing, setPreviewing] = useState(false);
  const [downloading, setDownloading] = useState<'pdf' | 'xlsx' | null>(null);
  const html = useCityReportHtml(city, period, previewing);
  const download = async (format: 'pdf' | 'xlsx') => {
    setDownloading(format);
    try {
      const name = await staffDownload(format === 'pdf' ? 'city.pdf' : 'city.xlsx', { params: { city, period } }, `市级报表-${cityName}-${period}.${format}`);
      void message.success(`已下载 ${name}`);
    } catch (error) {
      void message.error(staffMessageOf(error));
    } finally {
      setDownloading(null);
    }
  };
  return (
    <Space size={4} wrap>
      <Button size="small" icon={<EyeOutlined />} onClick={() => setPreviewing(true)} aria-label={`打印${cityName}市级报表`}>
        打印
      </Button>
      <Button size="small" icon={<DownloadOutlined />} loading={downloading === 'pdf'} onClick={() => void download('pdf')} aria-label={`下载${cityName}市级报表 PDF`}>
        PDF
      </Button>
      <Button size="small" icon={<DownloadOutlined />} loading={downloading === 'xlsx'} onClick={() => void download('xlsx')} aria-label={`下载${cityName}市级报表 Excel`}>
        .xlsx
      </Button>
      {previewing && <TablePreviewModal open html={html.data?.html} error={html.isError ? staffMessageOf(html.error) : null} onClose={() => setPreviewing(false)} />}
    </Space>
  );
}
