/**
 * Reading a receipt's QR code: from the camera (getUserMedia, frames decoded with jsQR until one reads),
 * or from a picture file decoded the same way from a canvas. Either gives the code's text.
 */
import jsQR from 'jsqr';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';

/** The text of a QR code in the picture drawn on `canvas`, or null. */
function decode(canvas: HTMLCanvasElement, source: CanvasImageSource, w: number, h: number): string | null {
  const scale = Math.min(1, 1024 / Math.max(w, h));
  canvas.width = Math.max(1, Math.round(w * scale));
  canvas.height = Math.max(1, Math.round(h * scale));
  const g = canvas.getContext('2d', { willReadFrequently: true });
  if (!g) return null;
  g.drawImage(source, 0, 0, canvas.width, canvas.height);
  const img = g.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(img.data, img.width, img.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

/** Camera and picture-file readers of a QR code; `onText` gets the code's text. */
export function QrReader({ onText }: { onText: (text: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const [scanning, setScanning] = useState(false);
  const [note, setNote] = useState<string | undefined>();

  const stop = () => {
    for (const track of stream.current?.getTracks() ?? []) track.stop();
    stream.current = null;
    setScanning(false);
  };
  useEffect(() => stop, []);

  useEffect(() => {
    if (!scanning) return;
    let frame = 0;
    const tick = () => {
      const v = video.current;
      const c = canvas.current;
      if (v && c && v.readyState >= 2 && v.videoWidth > 0) {
        const text = decode(c, v, v.videoWidth, v.videoHeight);
        if (text !== null) {
          stop();
          setNote(t('check.qr.read'));
          onText(text);
          return;
        }
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [scanning, onText]);

  const start = async () => {
    setNote(undefined);
    if (!navigator.mediaDevices?.getUserMedia) {
      setNote(t('check.qr.noCamera'));
      return;
    }
    try {
      const s = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: 'environment' },
        audio: false,
      });
      stream.current = s;
      setScanning(true);
      const v = video.current;
      if (v) {
        v.srcObject = s;
        await v.play();
      }
    } catch (e) {
      stop();
      setNote(t('check.qr.cameraFailed', { message: e instanceof Error ? e.message : String(e) }));
    }
  };

  const fromFile = async (file: File | undefined) => {
    if (!file || !canvas.current) return;
    setNote(undefined);
    try {
      const bitmap = await createImageBitmap(file);
      const text = decode(canvas.current, bitmap, bitmap.width, bitmap.height);
      bitmap.close();
      if (text === null) setNote(t('check.qr.none'));
      else {
        setNote(t('check.qr.read'));
        onText(text);
      }
    } catch {
      setNote(t('check.qr.badImage'));
    }
  };

  return (
    <div class="qr">
      <div class="actions">
        {scanning ? (
          <button type="button" class="secondary" onClick={stop}>
            {t('check.qr.stop')}
          </button>
        ) : (
          <button type="button" class="secondary" onClick={() => void start()}>
            {t('check.qr.camera')}
          </button>
        )}
        <label class="button secondary file-button">
          {t('check.qr.file')}
          <input
            type="file"
            accept="image/*"
            class="visually-hidden"
            onChange={(e) => {
              const input = e.currentTarget;
              void fromFile(input.files?.[0]).finally(() => {
                input.value = '';
              });
            }}
          />
        </label>
      </div>
      <video
        ref={video}
        class={scanning ? 'qr-video' : 'qr-video hidden'}
        muted
        playsInline
        aria-label={t('check.qr.video')}
      />
      <canvas ref={canvas} class="hidden" />
      {note && <output class="muted qr-note">{note}</output>}
    </div>
  );
}
