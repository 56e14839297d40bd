import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { FormSubmissionRepository } from './form-submission.repository';

export interface SubmissionResult {
  location: string;
  message?: string;
}

const KEY = /^[0-9a-f-]{36}$/;
const WAIT_MS = 5_000;
const POLL_MS = 100;

/** A fresh key for a form as it is rendered: a hidden field the post carries back. */
export const newSubmissionKey = () => randomUUID();

/**
 * Never the same fact twice from one form: each rendered form carries a submission key (and its button is
 * disabled on submit, for the common case). The first post with a key does the work; a second post with
 * the same key (a double click, a retried request on a poor connection, the back button) is answered
 * with the first one's redirect and does nothing. If the first fails (a refusal shown on the form), the
 * key is released so the corrected form can be sent with it again.
 */
@Injectable()
export class FormSubmissions {
  constructor(private readonly repository: FormSubmissionRepository) {}

  async once(
    userId: string,
    submissionKey: unknown,
    path: string,
    work: () => Promise<SubmissionResult>,
  ): Promise<SubmissionResult & { replay: boolean }> {
    // A post without a valid key (an old page, a hand-made request) still works, once per post.
    if (typeof submissionKey !== 'string' || !KEY.test(submissionKey)) return { ...(await work()), replay: false };
    const key = `form:${submissionKey}`;
    for (let attempt = 0; !(await this.repository.claim(userId, key, path, path)); attempt++) {
      const earlier = await this.earlier(userId, key, path);
      // The first post was refused and released its key: this one tries again, and is refused in words too.
      if (earlier || attempt > 2) return { ...(earlier ?? { location: path }), replay: true };
    }
    try {
      const result = await work();
      await this.repository.complete(userId, key, result);
      return { ...result, replay: false };
    } catch (err) {
      await this.repository.release(userId, key);
      throw err;
    }
  }

  /**
   * The first submission's answer; while it is still being recorded, wait a little for it. Null when the
   * first was refused (its key released). Still not done after the wait: back to the page the form is on.
   */
  private async earlier(userId: string, key: string, path: string): Promise<SubmissionResult | null> {
    const until = Date.now() + WAIT_MS;
    for (;;) {
      const stored = await this.repository.find(userId, key);
      if (!stored) return null;
      if (stored.done && stored.response) return stored.response;
      if (Date.now() > until) return { location: path.replace(/\/[^/]+$/, '') || '/' };
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
