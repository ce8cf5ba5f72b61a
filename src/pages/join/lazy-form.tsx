/**
 * The join form, by platform: H5 loads it as its own chunk (`lazy-form.h5.tsx`), so the consent
 * screen does not wait for the form's code and its schema library. Here (weapp, unit tests) it is
 * the plain component: the mini-program ships the page as one file anyway.
 */
export { JoinForm as LazyJoinForm } from './join-form'

/** Nothing to fetch ahead where the form is already part of the page. */
export function preloadJoinForm(): void {}
