import { WhatsAppAuthError, WhatsAppError } from "../errors.js";

/**
 * A parent BSUID ("US.ENT.…") names a whole enterprise account, not one user: Graph cannot block it
 * (docs/CONTRACT.md §1.2), so the client refuses it before any call.
 */
export class CloudParentBsuidError extends WhatsAppError {
  readonly code = "wa_parent_bsuid";
  readonly bsuid: string;

  constructor(bsuid: string) {
    super(
      `${bsuid} is a parent BSUID (CC.ENT.…), which WhatsApp cannot block or unblock; use the user's own BSUID`,
    );
    this.bsuid = bsuid;
  }
}

/**
 * Graph refused WA_TOKEN (error 190: expired, revoked or malformed). A WhatsAppAuthError, so every surface that
 * words "the bot cannot log in" words this too; the message says what an operator must do, never the token.
 */
export class CloudTokenRefusedError extends WhatsAppAuthError {
  readonly waCode: number;
  readonly subcode: number | undefined;
  readonly httpStatus: number;
  readonly fbtraceId: string | undefined;

  constructor(detail: {
    waCode: number;
    subcode?: number | undefined;
    graphMessage: string;
    httpStatus: number;
    fbtraceId?: string | undefined;
  }) {
    const subcode = detail.subcode === undefined ? "" : `, subcode ${detail.subcode}`;
    super(
      `WA_TOKEN was refused by Graph (error ${detail.waCode}${subcode}: ${detail.graphMessage}): ` +
        "create a system-user token with whatsapp_business_messaging (and whatsapp_business_management) " +
        "permission for this number's WhatsApp Business Account and set it as WA_TOKEN",
    );
    this.waCode = detail.waCode;
    this.subcode = detail.subcode;
    this.httpStatus = detail.httpStatus;
    this.fbtraceId = detail.fbtraceId;
  }
}
