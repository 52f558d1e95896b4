/** A tiny method+path router: '/v1/calls/{call_id}' patterns, first match wins. */
import { ApiError, type Handler } from './http';

export interface RouteOptions {
  /** No bearer token needed. */
  public?: boolean;
}

export interface Route extends RouteOptions {
  method: string;
  pattern: string;
  handler: Handler;
  regex: RegExp;
  paramNames: string[];
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

export class Router {
  readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler, options: RouteOptions = {}): void {
    const paramNames: string[] = [];
    const source = pattern
      .split('/')
      .map((segment) => {
        const param = /^\{(\w+)\}$/.exec(segment);
        if (param) {
          paramNames.push(param[1]);
          return '([^/]+)';
        }
        return segment.replace(/[.*+?^$()[\]{}|\\]/g, '\\$&');
      })
      .join('/');
    this.routes.push({ method, pattern, handler, regex: new RegExp(`^${source}$`), paramNames, ...options });
  }

  get(pattern: string, handler: Handler, options?: RouteOptions): void {
    this.add('GET', pattern, handler, options);
  }
  post(pattern: string, handler: Handler, options?: RouteOptions): void {
    this.add('POST', pattern, handler, options);
  }
  put(pattern: string, handler: Handler, options?: RouteOptions): void {
    this.add('PUT', pattern, handler, options);
  }
  patch(pattern: string, handler: Handler, options?: RouteOptions): void {
    this.add('PATCH', pattern, handler, options);
  }
  delete(pattern: string, handler: Handler, options?: RouteOptions): void {
    this.add('DELETE', pattern, handler, options);
  }

  /** The route for method+path, or 'method_not_allowed' when only the path matches, or undefined.
   *  Throws ApiError 400 when a path parameter is not valid percent-encoding. */
  match(method: string, path: string): RouteMatch | 'method_not_allowed' | undefined {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.regex.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.paramNames.forEach((name, i) => {
        try {
          params[name] = decodeURIComponent(m[i + 1]);
        } catch {
          throw new ApiError(400, 'bad_request', `The path has a bad percent-encoding: ${path.slice(0, 200)}`);
        }
      });
      return { route, params };
    }
    return pathMatched ? 'method_not_allowed' : undefined;
  }
}
