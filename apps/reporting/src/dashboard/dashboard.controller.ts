import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dashboardHtml, dashboardScript, DASHBOARD_PATH } from './dashboard-page';

/**
 * Serves the dashboard: a page, its script and Chart.js from the installed package (no CDN: the
 * page works where the service does). None of it holds data; the script asks the reports API
 * with the viewer's key.
 */
@ApiExcludeController()
@Controller(DASHBOARD_PATH)
export class DashboardController {
  private readonly html = dashboardHtml();
  private readonly script = dashboardScript();
  // The package's exports map hides dist/, so the UMD build is found beside its main entry.
  private readonly chartJs = readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', "default-src 'self'; style-src 'self' 'unsafe-inline'")
  page(): string {
    return this.html;
  }

  @Get('dashboard.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  dashboardJs(): string {
    return this.script;
  }

  @Get('chart.umd.min.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=86400')
  chartLibrary(): string {
    return this.chartJs;
  }
}
