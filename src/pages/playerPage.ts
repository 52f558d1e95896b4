/** The player: a recording (an outbound call's or an inbound one's) or a voicemail, played in the
 *  editor. The extension asks the API for the audio's address and fetches the audio itself with the
 *  bearer token (src/api/media.ts); the page gets only the bytes, plays them from a blob: address
 *  (its CSP allows media from blob: and nothing remote) and has its own controls. The transcript of
 *  a voicemail is under it; saving the file and the browser are the fallbacks. Page ids:
 *  `voicemail:<id>`, `inbound:<id>` (an inbound call's recording), `call:<id>` (an outbound call's). */
import { ops } from '../api/catalogue';
import type { KallyClient } from '../api/client';
import type { MediaFile } from '../api/media';
import type { Resource } from '../api/resources';
import type { Call } from '../api/schemas/calls';
import { formatDuration, html, shortDateTime, t, textBlock, type Html } from '../format';
import { callPhone, callTabTitle } from '../models/call';
import { callerLabel, inboundTabTitle, voicemailText, type InboundCall, type Voicemail } from '../models/inbound';
import type { PageActions, PageController, PageState, PageView } from './pageController';
import { actionBar, actionButton, icon, loadFailed } from './pageParts';

export interface PlayerPageDeps {
  readonly client: KallyClient;
  fetchMedia(address: string): Promise<MediaFile>;
  runCommand(id: string, ...args: unknown[]): Promise<unknown>;
  /** The views that show this data load again (a voicemail was heard). */
  refresh(resources: readonly Resource[]): Promise<void>;
  saveAudio(fileName: string, file: MediaFile): Promise<unknown>;
  openExternal(address: string): Promise<unknown>;
}

type Kind = 'voicemail' | 'inbound' | 'call';
type Playback = {
  url?: string | null;
  audio_url?: string | null;
  playback_url?: string | null;
  duration_seconds?: number | null;
  [k: string]: unknown;
};
interface Initial {
  readonly subject?: unknown;
  readonly playback?: Playback;
  readonly autoplay?: boolean;
}

export function playerKind(id: string): { kind: Kind; id: string } | undefined {
  const m = /^(voicemail|inbound|call):(.+)$/.exec(id);
  return m ? { kind: m[1] as Kind, id: m[2] } : undefined;
}

const addressOf = (p: Playback | undefined) => p?.url || p?.playback_url || p?.audio_url || undefined;

export class PlayerPage implements PageController {
  private subject: unknown;
  private playback: Playback | undefined;
  private autoplay: boolean;
  private audio: Promise<MediaFile> | undefined;
  private heard = false;

  constructor(
    readonly state: PageState,
    private readonly deps: PlayerPageDeps,
    initial?: unknown,
  ) {
    const i = (initial ?? {}) as Initial;
    this.subject = i.subject;
    this.playback = i.playback;
    this.autoplay = i.autoplay === true;
  }

  receive(initial: unknown): void {
    const i = (initial ?? {}) as Initial;
    if (i.playback) {
      this.playback = i.playback;
      this.audio = undefined;
    }
    if (i.subject) this.subject = i.subject;
    this.autoplay = i.autoplay === true;
  }

  async render(): Promise<PageView> {
    const parsed = playerKind(this.state.id);
    if (!parsed) return loadFailed(t('Recording'), new Error(`Unknown player ${this.state.id}`));
    const { client } = this.deps;
    const { kind, id } = parsed;
    const what = kind === 'voicemail' ? t('Voicemail') : t('Recording');
    this.subject ??= await this.readSubject(kind, id).catch(() => undefined);
    if (!this.playback) {
      try {
        this.playback =
          kind === 'voicemail'
            ? await client.execute(ops.inbound.voicemailPlayback, { path: { id } })
            : kind === 'inbound'
              ? await client.execute(ops.inbound.recording, { path: { id } })
              : await client.execute(ops.calls.recording, { path: { call_id: id } });
      } catch (e) {
        return loadFailed(what, e);
      }
    }
    if (kind === 'voicemail' && !this.heard) {
      // Asking for the playback marks the voicemail heard: the Receptionist view's count follows.
      this.heard = true;
      void this.deps.refresh(['receptionist']);
    }
    const address = addressOf(this.playback);
    const autoplay = this.autoplay;
    this.autoplay = false; // a later render (after a button) does not start playing again
    const { title, heading, facts, transcript, phone } = this.describe(kind, what);
    const actions: PageActions = {};
    const buttons: Html[] = [];
    const offer = (name: string, label: string, codicon: string, run: () => Promise<unknown>) => {
      actions[name] = run;
      buttons.push(actionButton(name, label, codicon, 'secondary'));
    };
    if (address) {
      offer('save', t('Save Audio…'), 'save', async () =>
        this.deps.saveAudio(fileNameFor(title), await this.media(address)),
      );
      offer('browser', t('Open in Browser'), 'link-external', () => this.deps.openExternal(address));
    }
    const inboundCallId =
      kind === 'inbound'
        ? id
        : kind === 'voicemail'
          ? ((this.subject as Voicemail | undefined)?.call_id ?? undefined)
          : undefined;
    if (kind === 'call')
      offer('openCall', t('Open Call'), 'info', () => this.deps.runCommand('kallyai.calls.openDetails', { id }));
    else if (inboundCallId)
      offer('openCall', t('Open Call'), 'info', () =>
        this.deps.runCommand('kallyai.receptionist.openCall', { id: String(inboundCallId) }),
      );
    if (kind === 'inbound')
      offer('transcript', t('Transcript as Text'), 'note', () =>
        this.deps.runCommand('kallyai.receptionist.openTranscript', { id }),
      );
    if (phone && kind !== 'call')
      offer('callBack', t('Call Back…'), 'call-outgoing', () =>
        this.deps.runCommand('kallyai.makeCall', { prefill: { phone } }),
      );
    return {
      title,
      actions,
      media: address ? () => this.media(address) : undefined,
      body: html` <h1>${heading}</h1>
        <p class="subtitle">${facts}</p>
        <div class="player">
          <audio
            data-player
            preload="auto"
            data-autoplay="${autoplay ? 'true' : 'false'}"
            data-press-play-text="${t('Press Play to listen.')}"
            data-failed-text="${t('This audio cannot be played here: save it, or open it in the browser.')}"
          ></audio>
          <div class="player-controls">
            <button data-player-toggle data-play-label="${t('Play')}" data-pause-label="${t('Pause')}" disabled>
              ${icon('play')}<span class="label">${t('Play')}</span>
            </button>
            <button class="secondary" data-player-skip="-10" disabled>
              <span class="label">${t('−10 s')}</span><span class="visually-hidden"> (${t('Back 10 seconds')})</span>
            </button>
            <button class="secondary" data-player-skip="10" disabled>
              <span class="label">${t('+10 s')}</span><span class="visually-hidden"> (${t('Forward 10 seconds')})</span>
            </button>
            <button class="secondary" data-player-rate disabled>
              <span class="visually-hidden">${t('Playback speed')} </span><span class="label">1×</span>
            </button>
            <span class="player-time" data-player-time
              >0:00 / ${formatDuration(this.playback?.duration_seconds) ?? '–:––'}</span
            >
          </div>
          <p class="muted" data-player-status role="status">
            ${address ? t('Loading the audio…') : t('There is no audio for this yet.')}
          </p>
        </div>
        ${actionBar(buttons)}
        ${
          transcript === undefined
            ? ''
            : html`<h2>${t('Transcript')}</h2>
                ${transcript ? textBlock(transcript) : html`<p class="muted">${t('No transcript.')}</p>`}`
        }`,
    };
  }

  /** The audio, fetched once per page (a later render hands the same bytes to the page). */
  private media(address: string): Promise<MediaFile> {
    this.audio ??= this.deps.fetchMedia(address).catch((e: unknown) => {
      this.audio = undefined;
      throw e;
    });
    return this.audio;
  }

  private readSubject(kind: Kind, id: string): Promise<unknown> {
    const { client } = this.deps;
    if (kind === 'voicemail') return client.execute(ops.inbound.voicemail, { path: { id } });
    if (kind === 'inbound') return client.execute(ops.inbound.call, { path: { id } });
    return client.execute(ops.calls.get, { path: { call_id: id } });
  }

  private describe(
    kind: Kind,
    what: string,
  ): { title: string; heading: string; facts: string; transcript?: string; phone?: string } {
    const duration = formatDuration(
      this.playback?.duration_seconds ??
        (this.subject as { duration_seconds?: number | null } | undefined)?.duration_seconds,
    );
    if (kind === 'call') {
      const call = this.subject as Call | undefined;
      if (!call) return { title: what, heading: what, facts: duration ?? '' };
      return {
        title: callTabTitle(call, t('recording')),
        heading: callTabTitle(call, t('recording')),
        facts: [what, shortDateTime(call.created_at), duration].filter(Boolean).join(' · '),
        phone: callPhone(call),
      };
    }
    const s = this.subject as (Voicemail & InboundCall) | undefined;
    if (!s) return { title: what, heading: what, facts: duration ?? '' };
    const word = kind === 'voicemail' ? t('voicemail') : t('recording');
    return {
      title: inboundTabTitle(s, word),
      heading: kind === 'voicemail' ? t('Voicemail from {0}', callerLabel(s)) : t('Call from {0}', callerLabel(s)),
      facts: [what, shortDateTime(s.created_at), duration].filter(Boolean).join(' · '),
      transcript: kind === 'voicemail' ? (voicemailText(s as Voicemail) ?? '') : undefined,
      phone: s.caller_number ?? undefined,
    };
  }
}

/** "ProPaint Co. — voicemail, Nov 28" → "ProPaint Co. - voicemail, Nov 28" (a file name). */
function fileNameFor(title: string): string {
  return (
    title
      .replace(/[\\/:*?"<>|]+/g, ' ')
      .replace(/—/g, '-')
      .replace(/\s+/g, ' ')
      .trim() || 'recording'
  );
}
