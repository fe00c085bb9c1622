//! What access reviews of the demo tenant recommend from: each person's last sign-in. Nestor, who
//! left the helpdesk, has not signed in for 47 days, so a review recommends denying him.

use super::demo::NESTOR;
use super::Tenant;

pub fn sign_ins(t: &mut Tenant) {
    for u in &mut t.users {
        u.last_sign_in_days_ago = Some(if u.id == NESTOR { 47 } else { 1 });
    }
}
