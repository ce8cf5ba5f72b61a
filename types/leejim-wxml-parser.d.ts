/** @leejim/wxml-parser ships no types: the streaming parser as tests/build/weapp-wxml.test.ts uses it. */
declare module '@leejim/wxml-parser' {
  interface Handlers {
    onopentag?(tag: string, attrs: (string | { key: string; value: string })[], selfClosing: boolean): void
    onclosetag?(tag: string): void
    ontext?(text: string): void
    oncomment?(comment: string): void
    ontemplate?(template: string): void
  }
  export default class WXMLParser {
    constructor(handlers: Handlers)
    write(source: string): void
  }
}
