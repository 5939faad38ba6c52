import '../shared/zod-without-eval';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../app/global.css';
import { StaffApp } from './app/StaffApp';
import './staff.css';

dayjs.locale('zh-cn');

const container = document.getElementById('root');
if (!container) throw new Error('index.html lacks the #root element');

createRoot(container).render(
  <StrictMode>
    <StaffApp />
  </StrictMode>,
);
