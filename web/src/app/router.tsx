import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { ConsoleLayout } from './ConsoleLayout';
import { NotFoundPage } from './ErrorPages';
import './console.css';

// Each page is its own chunk: the login and dashboard routes load only their own code (and ECharts only where
// a chart is drawn).
const DashboardPage = lazy(() => import('../features/dashboard/DashboardPage'));
const HouseholdsPage = lazy(() => import('../features/households/HouseholdsPage'));
const HouseholdDetailPage = lazy(() => import('../features/households/HouseholdDetailPage'));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <ConsoleLayout />,
    children: [
      { index: true, element: <DashboardPage /> },
      { path: 'households', element: <HouseholdsPage /> },
      { path: 'households/:id', element: <HouseholdDetailPage /> },
      { path: 'forbidden', element: null }, // ConsoleLayout shows the 403 page here
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
