import './shared/zod-without-eval';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { isElectron } from './api/client';
import { initToken } from './api/token';
import { App } from './app/App';
import './app/global.css';

dayjs.locale('zh-cn');

const token = initToken();
const container = document.getElementById('root');
if (!container) throw new Error('index.html lacks the #root element');

createRoot(container).render(
  <StrictMode>
    <App canReachHost={isElectron() || token !== null} />
  </StrictMode>,
);
