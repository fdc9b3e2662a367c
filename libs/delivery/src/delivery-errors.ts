import { DomainError } from '@credence/shared';

/** A receipt or document request that is not provably the platform's own (never a staff token: ADR 0025). */
export class PlatformSignatureError extends DomainError {
  constructor(reason: 'missing' | 'stale' | 'invalid') {
    const messages = {
      missing: {
        zh: '缺少平台签名：须提供 X-Credence-Platform、X-Credence-Timestamp 和 X-Credence-Signature',
        en: 'Platform signature missing: send X-Credence-Platform, X-Credence-Timestamp and X-Credence-Signature',
      },
      stale: {
        zh: '签名时间戳与当前时间相差超过5分钟，请使用当前时间重新签名',
        en: 'The signature timestamp is more than 5 minutes from now; sign again with the current time',
      },
      invalid: {
        zh: '平台签名无效：请以平台密钥对“时间戳.请求体”计算 HMAC-SHA256',
        en: 'Invalid platform signature: sign "timestamp.body" with HMAC-SHA256 under the platform secret',
      },
    } as const;
    super({
      code: `DELIVERY.SIGNATURE_${reason.toUpperCase()}`,
      status: 401,
      message: messages[reason],
    });
  }
}

export class ReceiptConflictError extends DomainError {
  constructor(messageId: string, current: string) {
    super({
      code: 'DELIVERY.RECEIPT_CONFLICT',
      status: 409,
      message: {
        zh: `该消息已有不同的执行反馈（${current === 'confirmed' ? '已执行' : '拒绝执行'}），不能更改`,
        en: `This message already has a different receipt (${current}); it cannot be changed`,
      },
      details: { messageId, status: current },
    });
  }
}

export class NotYetSentError extends DomainError {
  constructor(messageId: string) {
    super({
      code: 'DELIVERY.NOT_SENT',
      status: 409,
      message: {
        zh: '该消息尚未推送，不能反馈',
        en: 'This message has not been sent yet; there is nothing to confirm',
      },
      details: { messageId },
    });
  }
}
