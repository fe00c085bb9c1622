//! The fields of an access review, in the portal's steps and words (Review type, Reviews,
//! Settings), for a new review and for editing a series. Field errors come from
//! `domain::reviews::validate`; nothing here decides what is valid.

use crate::components::field::{described_by, Field};
use crate::components::people_picker::{Offers, PeoplePicker, Picked};
use crate::domain::reviews::{
    mass_removal_risk, Chosen, End, Frequency, NoResponse, Problem, ReviewForm, Reviewers, Users,
};
use leptos::prelude::*;

type Form = RwSignal<ReviewForm>;

fn error_of(problems: RwSignal<Vec<Problem>>, field: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || {
        problems.with(|p| {
            p.iter()
                .find(|x| x.field == field)
                .map(|x| x.message.clone())
        })
    })
}

fn chosen(p: Picked) -> Chosen {
    // The picker says "(group)" after a group's name; the review names the group alone.
    let name = match p.name.strip_suffix(" (group)") {
        Some(n) if p.is_group => n.to_owned(),
        _ => p.name,
    };
    Chosen {
        id: p.id,
        name,
        is_group: p.is_group,
    }
}

/// A list of people or groups chosen, each with Remove.
fn chosen_list(
    form: Form,
    get: fn(&ReviewForm) -> &Vec<Chosen>,
    set: fn(&mut ReviewForm) -> &mut Vec<Chosen>,
    label: &'static str,
) -> impl IntoView {
    view! {
        <ul class="pim-chosen" aria-label=label>
            <For each=move || form.with(|f| get(f).clone()) key=|c: &Chosen| c.id.clone() let:c>
                <li>{c.name.clone()} " "
                    <button type="button" class="pim-button pim-button--small" aria-label=format!("Remove {}", c.name)
                        on:click={let id = c.id.clone(); move |_| form.update(|f| set(f).retain(|x| x.id != id))}>"Remove"</button>
                </li>
            </For>
        </ul>
    }
}

fn add_to(form: Form, set: fn(&mut ReviewForm) -> &mut Vec<Chosen>) -> Callback<Picked> {
    Callback::new(move |p: Picked| {
        form.update(|f| {
            let list = set(f);
            if !list.iter().any(|c| c.id == p.id) {
                list.push(chosen(p));
            }
        })
    })
}

fn check(
    form: Form,
    id: &'static str,
    label: &'static str,
    get: fn(&ReviewForm) -> bool,
    set: fn(&mut ReviewForm, bool),
) -> impl IntoView {
    view! {
        <div class="pim-check">
            <input type="checkbox" id=id prop:checked=move || form.with(get)
                on:change=move |e| form.update(|f| set(f, event_target_checked(&e))) />
            <label for=id>{label}</label>
        </div>
    }
}

/// The groups to review: picked, or fixed when a series is edited.
#[component]
fn ReviewType(form: Form, problems: RwSignal<Vec<Problem>>, fixed_group: bool) -> impl IntoView {
    let groups_error = error_of(problems, "review-groups");
    let days_error = error_of(problems, "review-inactive-days");
    let scope = move |u: Users, label: &'static str| {
        view! {
            <label class="pim-choice">
                <input type="radio" name="review-scope" prop:checked=move || form.with(|f| f.users == u)
                    on:change=move |_| form.update(|f| f.users = u) />{label}
            </label>
        }
    };
    view! {
        <fieldset>
            <legend>"Review type"</legend>
            {if fixed_group {
                view! { <p>"Group: " {move || form.with(|f| f.groups.iter().map(|g| g.name.clone()).collect::<Vec<_>>().join(", "))}</p> }.into_any()
            } else {
                view! {
                    <PeoplePicker label="Select groups" id="review-groups" offers=Offers::Groups on_pick=add_to(form, |f| &mut f.groups) />
                    {chosen_list(form, |f| &f.groups, |f| &mut f.groups, "Groups to review")}
                    <p>"Each group gets a review of its own; the members of a group managed by PIM are reviewed whether they are eligible or active."</p>
                    {move || groups_error.get().map(|e| view! { <p class="pim-field__error" role="alert">{e}</p> })}
                }.into_any()
            }}
            <fieldset class="pim-choices">
                <legend>"Scope"</legend>
                {scope(Users::All, "All users")}
                {scope(Users::GuestsOnly, "Guest users only")}
            </fieldset>
            {check(form, "review-inactive", "Inactive users (on tenant level) only", |f| f.inactive_only, |f, v| f.inactive_only = v)}
            <Show when=move || form.with(|f| f.inactive_only)>
                <Field id="review-inactive-days" label="Days inactive" hint="Up to 730 days." error=days_error>
                    <input id="review-inactive-days" type="number" min="1" max="730" inputmode="numeric"
                        aria-describedby=move || described_by("review-inactive-days", true, days_error.get().is_some())
                        prop:value=move || form.with(|f| f.inactive_days.clone())
                        on:input=move |e| form.update(|f| f.inactive_days = event_target_value(&e)) />
                </Field>
            </Show>
        </fieldset>
    }
}

/// Name, reviewers (and their fallback) and the recurrence.
#[component]
fn Reviews(form: Form, problems: RwSignal<Vec<Problem>>) -> impl IntoView {
    let e = move |f: &'static str| error_of(problems, f);
    let (name_e, selected_e, fallback_e, duration_e, start_e, end_e, occ_e) = (
        e("review-name"),
        e("review-selected"),
        e("review-fallback"),
        e("review-duration"),
        e("review-start"),
        e("review-end-date"),
        e("review-occurrences"),
    );
    let reviewer = move |r: Reviewers| {
        view! {
            <label class="pim-choice">
                <input type="radio" name="review-reviewers" prop:checked=move || form.with(|f| f.reviewers == r)
                    on:change=move |_| form.update(|f| f.reviewers = r) />{r.label()}
            </label>
        }
    };
    let end = move |v: End, label: &'static str| {
        view! {
            <label class="pim-choice">
                <input type="radio" name="review-end" prop:checked=move || form.with(|f| f.end == v)
                    on:change=move |_| form.update(|f| f.end = v) />{label}
            </label>
        }
    };
    let text = move |id: &'static str,
                     error: Signal<Option<String>>,
                     get: fn(&ReviewForm) -> String,
                     set: fn(&mut ReviewForm, String),
                     kind: &'static str| {
        view! {
            <input id=id type=kind aria-describedby=move || described_by(id, false, error.get().is_some())
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=move || form.with(get) on:input=move |ev| form.update(|f| set(f, event_target_value(&ev))) />
        }
    };
    view! {
        <fieldset>
            <legend>"Reviews"</legend>
            <Field id="review-name" label="Review name" required=true error=name_e>
                {text("review-name", name_e, |f| f.name.clone(), |f, v| f.name = v, "text")}
            </Field>
            <Field id="review-description" label="Description">
                <textarea id="review-description" rows="2" prop:value=move || form.with(|f| f.description.clone())
                    on:input=move |ev| form.update(|f| f.description = event_target_value(&ev))></textarea>
            </Field>
            <fieldset class="pim-choices">
                <legend>"Select reviewers"</legend>
                {Reviewers::ALL.map(reviewer).collect_view()}
            </fieldset>
            <Show when=move || form.with(|f| f.reviewers == Reviewers::Selected)>
                <PeoplePicker label="Select reviewers" id="review-selected" on_pick=add_to(form, |f| &mut f.selected) />
                {chosen_list(form, |f| &f.selected, |f| &mut f.selected, "Chosen reviewers")}
                {move || selected_e.get().map(|e| view! { <p class="pim-field__error" role="alert">{e}</p> })}
            </Show>
            <Show when=move || form.with(|f| f.reviewers.has_fallback())>
                <PeoplePicker label="Fallback reviewers" id="review-fallback" on_pick=add_to(form, |f| &mut f.fallback) />
                <p>"Only active owners review a group managed by PIM, never eligible ones; when a group has no active owner, or a person no manager, the fallback reviewers are asked instead. A PIM group's owners as reviewers need at least one."</p>
                {chosen_list(form, |f| &f.fallback, |f| &mut f.fallback, "Chosen fallback reviewers")}
                {move || fallback_e.get().map(|e| view! { <p class="pim-field__error" role="alert">{e}</p> })}
            </Show>
            <Field id="review-frequency" label="Frequency">
                <select id="review-frequency" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    form.update(|f| f.frequency = Frequency::ALL.into_iter().find(|x| x.label() == v).unwrap_or_default())
                }>
                    {Frequency::ALL.map(|x| view! { <option value=x.label() selected=move || form.with(|f| f.frequency == x)>{x.label()}</option> }).collect_view()}
                </select>
            </Field>
            <Field id="review-duration" label="Duration (in days)" required=true error=duration_e>
                {text("review-duration", duration_e, |f| f.duration_days.clone(), |f, v| f.duration_days = v, "number")}
            </Field>
            <Field id="review-start" label="Start date" required=true error=start_e>
                {text("review-start", start_e, |f| f.start_date.clone(), |f, v| f.start_date = v, "date")}
            </Field>
            <Show when=move || form.with(|f| f.frequency != Frequency::OneTime)>
                <fieldset class="pim-choices">
                    <legend>"End"</legend>
                    {end(End::Never, "Never")}
                    {end(End::OnDate, "On a date")}
                    {end(End::AfterOccurrences, "After a number of occurrences")}
                </fieldset>
                <Show when=move || form.with(|f| f.end == End::OnDate)>
                    <Field id="review-end-date" label="End date" error=end_e>
                        {text("review-end-date", end_e, |f| f.end_date.clone(), |f, v| f.end_date = v, "date")}
                    </Field>
                </Show>
                <Show when=move || form.with(|f| f.end == End::AfterOccurrences)>
                    <Field id="review-occurrences" label="Number of occurrences" error=occ_e>
                        {text("review-occurrences", occ_e, |f| f.occurrences.clone(), |f, v| f.occurrences = v, "number")}
                    </Field>
                </Show>
            </Show>
        </fieldset>
    }
}

/// What happens at the end, and what reviewers get.
#[component]
fn Settings(form: Form) -> impl IntoView {
    view! {
        <fieldset>
            <legend>"Settings"</legend>
            {check(form, "review-auto-apply", "Auto apply results to resource", |f| f.auto_apply, |f, v| f.auto_apply = v)}
            <Field id="review-no-response" label="If reviewers don't respond">
                <select id="review-no-response" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    form.update(|f| f.no_response = NoResponse::ALL.into_iter().find(|x| x.label() == v).unwrap_or_default())
                }>
                    {NoResponse::ALL.map(|x| view! { <option value=x.label() selected=move || form.with(|f| f.no_response == x)>{x.label()}</option> }).collect_view()}
                </select>
            </Field>
            <Show when=move || form.with(mass_removal_risk)>
                <p class="pim-notice" role="note">"With auto apply, this takes access away from everyone nobody reviews: if the reviewers don't respond, every member can lose the group."</p>
            </Show>
            {check(form, "review-justification", "Justification required", |f| f.justification_required, |f, v| f.justification_required = v)}
            {check(form, "review-recommendations", "Show recommendations", |f| f.recommendations, |f, v| f.recommendations = v)}
            {check(form, "review-mail", "Email notifications", |f| f.mail, |f, v| f.mail = v)}
            {check(form, "review-reminders", "Reminders", |f| f.reminders, |f, v| f.reminders = v)}
            <Field id="review-content" label="Additional content for reviewer email">
                <textarea id="review-content" rows="3" maxlength="256" prop:value=move || form.with(|f| f.reviewer_content.clone())
                    on:input=move |ev| form.update(|f| f.reviewer_content = event_target_value(&ev))></textarea>
            </Field>
        </fieldset>
    }
}

/// Every field of a review; `fixed_group` when editing a series (its group can't change).
#[component]
pub fn ReviewFields(
    form: Form,
    problems: RwSignal<Vec<Problem>>,
    #[prop(optional)] fixed_group: bool,
) -> impl IntoView {
    view! {
        <ReviewType form problems fixed_group />
        <Reviews form problems />
        <Settings form />
    }
}
