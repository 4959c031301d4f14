import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, loadConfigOrExit } from './config/app-config';
import { renderStartSummary, StartSummary } from './common/logging/start-summary';
import type { CreatedAdmin } from './modules/auth/admin-bootstrap.service';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  if (cluster.isPrimary && config.apiProcesses.count > 1) {
    // API_PROCESSES > 1: this process only starts and watches the others (src/cluster/).
    const { ApiCluster } = await import('./cluster/api-cluster');
    new ApiCluster(config, process.argv.slice(2)).start();
    return;
  }
  const { createApp } = await import('./bootstrap');
  const { AdminBootstrapService } = await import('./modules/auth/admin-bootstrap.service');
  const app = await createApp();
  const adminBootstrap = app.get(AdminBootstrapService);
  adminBootstrap.announceLater();
  await app.init(); // migrations and the admin bootstrap run before any demo data
  app.flushLogs(); // the boot lines now, not after the demo data
  let demo: DemoLogins | null = null;
  if (process.argv.includes('--seed-demo') && config.seedDemo) {
    const { DemoSeeder, DEMO_LOGINS, DEMO_PASSWORD } = await import('./database/seed/demo-seeder');
    try {
      const { demoLogins } = await app.get(DemoSeeder).seedIfEmpty();
      if (demoLogins) demo = { names: DEMO_LOGINS, password: DEMO_PASSWORD };
    } catch (error) {
      // The generated password exists only in memory: a failed seed must not take it along.
      announce(config, adminBootstrap.created, null);
      throw error;
    }
  }
  if (cluster.isWorker) {
    const { closeOnPrimaryRequest } = await import('./cluster/api-cluster');
    closeOnPrimaryRequest(() => app.close());
  }
  const speaks = !cluster.isWorker || process.env.API_START_SUMMARY === '1';
  if (config.role === 'writer') {
    // The SQLite writer serves the readers only, on its socket; it speaks once they listen on the port.
    const { listenAsWriter } = await import('./cluster/writer-process');
    await listenAsWriter(
      app,
      config.writerSocket!,
      () => speaks && announce(config, adminBootstrap.created, demo),
    );
    return;
  }
  await app.listen(config.port, process.env.HOST ?? '0.0.0.0');
  // In a cluster the first process speaks for all (the others would repeat it, without the admin password).
  if (speaks) announce(config, adminBootstrap.created, demo);
}

interface DemoLogins {
  names: string[];
  password: string;
}

/**
 * The end of the start: in development a framed block on the terminal (console, API docs, admin password on the
 * first start, demo logins); in production the same facts as one JSON log line.
 */
function announce(config: AppConfig, admin: CreatedAdmin | null, demo: DemoLogins | null): void {
  const base = `http://localhost:${config.port}`;
  const consoleBuilt = existsSync(join(config.webDist, 'index.html'));
  if (config.logFormat === 'json') {
    new Logger('Main').log({
      msg: 'ready',
      api: `${base}/api/v1`,
      ...(consoleBuilt ? { console: `${base}/` } : {}),
      ...(config.apiDocs ? { docs: `${base}/docs` } : {}),
      ...(admin?.generatedPassword ? { admin: admin.username, adminPassword: admin.generatedPassword } : {}),
      ...(demo ? { demoLogins: demo.names, demoPassword: demo.password } : {}),
    });
    return;
  }
  if (config.logLevel === 'silent') return;
  const rows: StartSummary['rows'] = [
    ['控制台 Console', consoleBuilt ? `${base}/` : `未构建（npm run build）；接口 ${base}/api/v1`],
  ];
  if (config.apiDocs) rows.push(['接口文档 API docs', `${base}/docs`]);
  if (admin?.generatedPassword) {
    rows.push(['管理员 Admin', `${admin.username} / ${admin.generatedPassword}`]);
    rows.push(['', '（首次启动生成，只显示这一次；设置 ADMIN_PASSWORD 可自定）']);
  } else if (admin) {
    rows.push(['管理员 Admin', `${admin.username}（密码为 ADMIN_PASSWORD）`]);
  }
  if (demo) {
    rows.push(['演示账号 Demo', demo.names.slice(0, -1).join(', ') + ',']);
    rows.push(['', `${demo.names[demo.names.length - 1]}，密码 ${demo.password}`]);
  }
  const title = '大兴寨水库移民安置系统已启动 · ready';
  process.stdout.write(`\n${renderStartSummary({ title, rows })}\n\n`);
}

void main();
