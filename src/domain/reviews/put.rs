//! The body of an access review's PUT: the definition as read, with what the edit form holds laid
//! over it, so every setting the form does not show is sent back as it was.

use serde_json::Value;

/// What Graph sets itself and a PUT leaves out.
const READ_ONLY: [&str; 6] = [
    "id",
    "createdBy",
    "createdDateTime",
    "lastModifiedDateTime",
    "status",
    "@odata.context",
];

/// `current` (the definition as read) with `form`'s properties over it. `settings` is merged key
/// by key: the form sets some of them, and `applyActions`, `recommendationLookBackDuration`,
/// `decisionHistoriesForReviewersEnabled`, `recommendationInsightSettings` and whatever Graph adds
/// later are kept (a PUT replaces the whole definition, so a setting left out would be lost).
pub fn body(mut current: Value, form: Value) -> Value {
    let Some(obj) = current.as_object_mut() else {
        return form;
    };
    for k in READ_ONLY {
        obj.remove(k);
    }
    let Value::Object(new) = form else {
        return current;
    };
    for (k, v) in new {
        match (obj.get_mut(&k), v) {
            (Some(Value::Object(old)), Value::Object(set)) if k == "settings" => {
                old.extend(set);
            }
            (_, v) => {
                obj.insert(k, v);
            }
        }
    }
    current
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn settings_the_form_does_not_show_are_sent_back_as_they_were() {
        let current = json!({
            "id": "d1", "status": "InProgress", "displayName": "Old",
            "stageSettings": [{"stageId": "1"}],
            "settings": {
                "mailNotificationsEnabled": true,
                "applyActions": [{"@odata.type": "#microsoft.graph.removeAccessApplyAction"}],
                "recommendationLookBackDuration": "P30D",
                "decisionHistoriesForReviewersEnabled": true,
                "recommendationInsightSettings": [{"@odata.type": "#microsoft.graph.userLastSignInRecommendationInsightSetting"}],
                "recurrence": {"pattern": {"type": "weekly"}}
            }
        });
        let form = json!({"displayName": "New", "settings": {"mailNotificationsEnabled": false,
            "recurrence": {"pattern": null}}});
        let out = body(current, form);
        assert_eq!(out.get("id"), None);
        assert_eq!(out.get("status"), None);
        assert_eq!(out["displayName"], "New");
        assert_eq!(out["stageSettings"][0]["stageId"], "1");
        let s = &out["settings"];
        assert_eq!(s["mailNotificationsEnabled"], false);
        assert_eq!(s["recommendationLookBackDuration"], "P30D");
        assert_eq!(s["decisionHistoriesForReviewersEnabled"], true);
        assert_eq!(
            s["applyActions"][0]["@odata.type"],
            "#microsoft.graph.removeAccessApplyAction"
        );
        assert!(s["recommendationInsightSettings"].is_array());
        assert_eq!(
            s["recurrence"],
            json!({"pattern": null}),
            "the form's recurrence replaces the old"
        );
    }
}
