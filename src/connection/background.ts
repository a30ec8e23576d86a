/**
 * Marks a command as one of the lab's own background reads: the user agent it sends ends with
 * LAB_BACKGROUND_MARKER (src/sandbox/shared/lab-marker.ts). Added right after the SDK's user-agent
 * middleware, so the marker is in place before the request is signed.
 */
import type { BuildHandler, BuildHandlerArguments, MetadataBearer, MiddlewareStack } from '@smithy/types';
import { LAB_BACKGROUND_MARKER } from '../sandbox/shared/lab-marker';

export { LAB_BACKGROUND_MARKER, isLabBackground } from '../sandbox/shared/lab-marker';

/** Any SDK command: its stack is typed by its own input and output, which this middleware never reads. */
interface Markable {
  middlewareStack: object;
}

const UA_HEADERS = ['user-agent', 'x-amz-user-agent'];

export function markBackground<C extends Markable>(command: C): C {
  const stack = command.middlewareStack as MiddlewareStack<object, MetadataBearer>;
  stack.addRelativeTo(
    (next: BuildHandler<object, MetadataBearer>) => async (args: BuildHandlerArguments<object>) => {
      const req = args.request as { headers?: Record<string, string> };
      if (req.headers) {
        let marked = false;
        for (const name of Object.keys(req.headers)) {
          if (UA_HEADERS.includes(name.toLowerCase())) {
            req.headers[name] = `${req.headers[name]} ${LAB_BACKGROUND_MARKER}`;
            marked = true;
          }
        }
        if (!marked) req.headers['x-amz-user-agent'] = LAB_BACKGROUND_MARKER;
      }
      return next(args);
    },
    { name: 'kmsLabBackgroundMarker', relation: 'after', toMiddleware: 'getUserAgentMiddleware', override: true },
  );
  return command;
}
