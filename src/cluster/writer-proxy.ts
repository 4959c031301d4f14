import { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { SERVED_BY, ServedByRule } from '../common/http/served-by';
import { RouteRule, RouteTable } from './route-table';
import { WriterLink } from './writer-link';

/**
 * In a reader: a request the writer must serve (route-table.ts) is forwarded to it before anything here reads its
 * body; the rest go on to this process's routes. The table is read from the routes' metadata at the first request
 * (every module is loaded by then).
 */
export function writerProxy(
  app: INestApplication,
  prefix: string,
): (request: Request, response: Response, next: NextFunction) => void {
  const link = app.get(WriterLink);
  let table: RouteTable | null = null;
  return (request, response, next) => {
    if (!request.path.startsWith('/api/')) return next();
    table ??= new RouteTable(markedRoutes(app, prefix));
    if (table.servedBy(request.method, request.path, request.query as Record<string, unknown>) === 'reader')
      return next();
    link.forward(request, response);
  };
}

/** Every route marked @ServedBy, with its full path (global prefix, controller path, route path). */
export function markedRoutes(app: INestApplication, prefix: string): RouteRule[] {
  const rules: RouteRule[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!type) continue;
      const base = asList(Reflect.getMetadata(PATH_METADATA, type) as string | string[] | undefined);
      const prototype = type.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler !== 'function') continue;
        const rule = Reflect.getMetadata(SERVED_BY, handler) as ServedByRule | undefined;
        if (!rule) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const paths = asList(Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined);
        for (const root of base)
          for (const path of paths) rules.push({ ...rule, method, path: join(prefix, root, path) });
      }
    }
  }
  return rules;
}

const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [''] : Array.isArray(value) ? value : [value];

const join = (...parts: string[]): string =>
  `/${parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/')}`;
