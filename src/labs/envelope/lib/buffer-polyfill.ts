// The browser Encryption SDK's DER code uses the global Buffer (toolchain notes, pitfall 3); import this first.
import { Buffer } from 'buffer';

(globalThis as { Buffer?: typeof Buffer }).Buffer ??= Buffer;
