/** The one webview type of every KallyAI page (its serializer restores any of them after a reload). */
export const PAGE_VIEW_TYPE = 'kallyai.page';
