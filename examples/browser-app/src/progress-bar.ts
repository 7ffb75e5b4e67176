// The download's progress bar. It shows only what is known: a percent when the total is known,
// otherwise an indeterminate bar and the bytes so far, never a made-up percent.
import type { DownloadProgress } from '@corskit/fetch';

const bytes = (count: number) => `${count.toLocaleString('en-US')} bytes`;

export function createProgressBar(bar: HTMLElement, text: HTMLElement) {
  const fill = bar.querySelector<HTMLElement>('.progress-fill')!;

  return {
    reset() {
      bar.classList.remove('indeterminate');
      bar.setAttribute('aria-valuenow', '0');
      fill.style.width = '0%';
      text.textContent = 'Starting…';
    },

    show({ transferredBytes, totalBytes, percent, done }: DownloadProgress) {
      if (percent === null || totalBytes === null) {
        // ARIA's indeterminate progress bar has no aria-valuenow.
        bar.classList.add('indeterminate');
        bar.removeAttribute('aria-valuenow');
        fill.style.width = '100%';
        text.textContent = `${bytes(transferredBytes)} received, total unknown`;
        return;
      }
      // Rounded down, so that 100 % means every byte has arrived.
      const shown = Math.floor(percent * 100);
      bar.classList.remove('indeterminate');
      bar.setAttribute('aria-valuenow', String(shown));
      fill.style.width = `${percent * 100}%`;
      text.textContent = `${shown}% · ${transferredBytes.toLocaleString('en-US')} of ${bytes(totalBytes)}${done ? ' · done' : ''}`;
    },

    fail(message: string) {
      bar.classList.remove('indeterminate');
      text.textContent = message;
    },
  };
}
