import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PoolStats } from '../../vc/pool-stats.js';

/**
 * Prometheus metrics of this instance: process metrics, requests by route and status, and what
 * the signing and verification pools did (in worker threads, with the JSON-LD tuning, or inline).
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly pools = new Map<string, () => PoolStats>();

  private readonly requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });

  private readonly durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const pools = this.pools;
    // Read from the pools at each scrape.
    new Gauge({
      name: 'vc_pool_threads',
      help: 'Worker threads the signing and verification pools may run (0: they run inline)',
      labelNames: ['pool', 'mode'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [pool, stats] of pools) {
          const { mode, threads } = stats();
          this.set({ pool, mode }, threads);
        }
      },
    });
    new Gauge({
      name: 'vc_pool_live_threads',
      help: 'Worker threads of the pools running now (started on demand, stopped when idle)',
      labelNames: ['pool'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [pool, stats] of pools) this.set({ pool }, stats().liveThreads);
      },
    });
    new Gauge({
      name: 'vc_pool_tuned_threads',
      help: 'Live worker threads of the pools that run with the JSON-LD tuning',
      labelNames: ['pool'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [pool, stats] of pools) this.set({ pool }, stats().tunedThreads);
      },
    });
    new Counter({
      name: 'vc_pool_tasks_total',
      help: 'Signatures and verifications the pools ran, by where they ran',
      labelNames: ['pool', 'mode'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [pool, stats] of pools) {
          const { mode, tasksRun } = stats();
          this.inc({ pool, mode }, tasksRun);
        }
      },
    });
  }

  /** Reports a signing or verification pool on /metrics from now on. */
  observePool(pool: 'signing' | 'verification', stats: () => PoolStats): void {
    this.pools.set(pool, stats);
  }

  /** Counts a request answered outside the middleware below (the `/v/` fast path). */
  observe(labels: { method: string; route: string; status: string }, seconds: number): void {
    this.requests.inc(labels);
    this.durations.observe(labels, seconds);
  }

  /** Express middleware: times every request and labels it with its route template. */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const stop = this.durations.startTimer();
    res.on('finish', () => {
      // The route template, never the raw path: ids and tokens must not become labels.
      const route = (req.route as { path?: string } | undefined)?.path;
      const labels = {
        method: req.method,
        route: route ? `${req.baseUrl}${route}` : 'unmatched',
        status: String(res.statusCode),
      };
      this.requests.inc(labels);
      stop(labels);
    });
    next();
  };

  async render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
