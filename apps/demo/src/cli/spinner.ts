const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A one-line spinner for terminals; does nothing when the output is not a TTY. */
export class Spinner {
  private timer: NodeJS.Timeout | undefined;
  private frame = 0;

  constructor(private readonly out: NodeJS.WritableStream & { isTTY?: boolean }) {}

  start(label: string): void {
    if (!this.out.isTTY || this.timer) return;
    this.timer = setInterval(() => {
      this.out.write(`\r${FRAMES[this.frame++ % FRAMES.length]} ${label}`);
    }, 80);
    this.timer.unref();
  }

  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.out.write('\r\u001b[2K');
  }
}
