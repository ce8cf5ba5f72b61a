// jsdom has no TextEncoder/TextDecoder; the LeanCloud SDK (behind services/cloud) needs them when
// loaded. Import this first in a UI test that loads a service module.
import { TextDecoder, TextEncoder } from 'node:util'

Object.assign(globalThis, { TextEncoder, TextDecoder })
