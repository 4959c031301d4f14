import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MobileApp } from './App';
import { loadBoot } from './data/boot';
import { unstableSetRender } from './ui';
import './mobile.css';

// antd-mobile's Toast and Dialog render outside the tree; React 19 has no ReactDOM.render for them.
unstableSetRender((node, container) => {
  const host = container as Element & { _reactRoot?: ReturnType<typeof createRoot> };
  host._reactRoot ??= createRoot(host);
  const root = host._reactRoot;
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    delete host._reactRoot;
  };
});

// The first screen's data comes first (see loadBoot): the first render is then the list itself, not a spinner.
void loadBoot().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <MobileApp />
    </StrictMode>,
  ),
);
