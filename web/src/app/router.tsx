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
const ApprovalsPage = lazy(() => import('../features/approvals/ApprovalsPage'));
const CyclePage = lazy(() => import('../features/cycle/CyclePage'));
const ProblemsPage = lazy(() => import('../features/problems/ProblemsPage'));
const ProblemDetailPage = lazy(() => import('../features/problems/ProblemDetailPage'));
const TasksPage = lazy(() => import('../features/tasks/TasksPage'));
const BulletinPage = lazy(() => import('../features/bulletins/BulletinPage'));
const LedgerPage = lazy(() => import('../features/ledger/LedgerPage'));
const DuplicatesPage = lazy(() => import('../features/duplicates/DuplicatesPage'));
const PlanningPage = lazy(() => import('../features/planning/PlanningPage'));
const ResponsibilityPage = lazy(() => import('../features/responsibility/ResponsibilityPage'));
const UsersPage = lazy(() => import('../features/admin/UsersPage'));
const OrgUnitsPage = lazy(() => import('../features/admin/OrgUnitsPage'));
const AuditPage = lazy(() => import('../features/admin/AuditPage'));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <ConsoleLayout />,
    children: [
      { index: true, element: <DashboardPage /> },
      { path: 'households', element: <HouseholdsPage /> },
      { path: 'households/:id', element: <HouseholdDetailPage /> },
      { path: 'approvals', element: <ApprovalsPage /> },
      { path: 'cycle', element: <CyclePage /> },
      { path: 'problems', element: <ProblemsPage /> },
      { path: 'problems/:id', element: <ProblemDetailPage /> },
      { path: 'tasks', element: <TasksPage /> },
      { path: 'bulletins', element: <BulletinPage /> },
      { path: 'ledger', element: <LedgerPage /> },
      { path: 'duplicates', element: <DuplicatesPage /> },
      { path: 'planning', element: <PlanningPage /> },
      { path: 'responsibility', element: <ResponsibilityPage /> },
      { path: 'admin/users', element: <UsersPage /> },
      { path: 'admin/org', element: <OrgUnitsPage /> },
      { path: 'admin/audit', element: <AuditPage /> },
      { path: 'forbidden', element: null }, // ConsoleLayout shows the 403 page here
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
