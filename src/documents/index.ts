// PLACEHOLDER until the views issue lands (the read-only kallyai: documents).
import type { Services } from '../services';

export function registerDocuments(_services: Services): void {}
